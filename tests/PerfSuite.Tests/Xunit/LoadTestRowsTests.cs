using PerfSuite.Hosting.Settings;
using PerfSuite.Xunit;
using Xunit.Sdk;

namespace PerfSuite.Tests.Xunit;

public sealed class LoadTestRowsTests
{
    [Fact]
    public void Each_profile_is_one_row_with_the_profile_as_argument_and_trait()
    {
        var rows = LoadTestRows.ForProfiles(["smoke", "seed-load"]).ToList();

        rows.Select(r => r.Data).Should().Equal("smoke", "seed-load");
        rows.Select(r => r.Traits["Profile"].Single()).Should().Equal("smoke", "seed-load");
    }

    [Theory]
    [InlineData("smoke")]
    [InlineData("seed-load")]
    [InlineData("stress")]
    public void A_row_argument_survives_xunit_serialization_so_each_row_is_its_own_test_case(string profile)
    {
        var argument = LoadTestRows.ForProfiles([profile]).Single().Data;

        var serialized = SerializationHelper.Instance.Serialize(argument);
        var roundTripped = SerializationHelper.Instance.Deserialize(serialized);

        SerializationHelper.Instance.IsSerializable(argument).Should().BeTrue();
        roundTripped.Should().Be(profile);
    }

    [Fact]
    public void An_invalid_PERF_PROFILES_gives_rows_named_as_written_instead_of_throwing_during_discovery()
    {
        var profiles = LoadTestRows.SelectedProfiles("bogus, smoke", ["smoke", "seed-load"], "smoke");

        profiles.Should().Equal("bogus", "smoke");
    }

    [Fact]
    public void A_valid_or_missing_PERF_PROFILES_selects_as_before()
    {
        LoadTestRows.SelectedProfiles(null, ["smoke", "seed-load"], "smoke").Should().Equal("smoke");
        LoadTestRows.SelectedProfiles("seed-load,smoke", ["smoke", "seed-load"], "smoke").Should().Equal("seed-load", "smoke");
    }
}
