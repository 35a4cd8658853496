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
}
