using PerfSuite.Hosting.Settings;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class ProfileSelectionTests
{
    private static readonly string[] Valid = ["smoke", "seed-load", "stress"];

    public static TheoryData<string?, string[]> Selections => new()
    {
        { null, ["smoke"] },
        { "", ["smoke"] },
        { "  ", ["smoke"] },
        { "smoke", ["smoke"] },
        { "smoke,seed-load", ["smoke", "seed-load"] },
        { " stress , smoke ", ["stress", "smoke"] },
        { "smoke,,seed-load,", ["smoke", "seed-load"] },
        { "seed-load,seed-load", ["seed-load"] },
    };

    public static TheoryData<string, string> Invalid => new()
    {
        { "turbo", "'turbo'" },
        { "smoke,Smoke", "'Smoke'" },
        { "smoke,seedload,stres", "'seedload', 'stres'" },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Valid_selections_give_the_named_profiles_in_order_without_duplicates(string? value, string[] expected)
    {
        var profiles = ProfileSelection.Parse(value, Valid);

        profiles.Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_unknown_name_fails_naming_the_variable_the_value_the_unknown_names_and_the_valid_names(string value, string unknown)
    {
        var act = () => ProfileSelection.Parse(value, Valid);

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain($"PERF_PROFILES='{value}'")
            .And.Contain(unknown)
            .And.Contain("valid profiles: smoke, seed-load, stress");
    }
}
