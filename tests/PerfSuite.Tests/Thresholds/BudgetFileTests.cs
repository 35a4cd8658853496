using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Tests.Thresholds;

public sealed class BudgetFileTests
{
    private const string File = "scenarios/budgets.json";

    private const string Valid = """
        {
          "version": 1,
          "scenarios": {
            "CSR – Login, load data, idle": {
              "smoke": {
                "note": "single user; any slowness is a regression",
                "p50_ms": 100, "p95_ms": 250, "p99_ms": 500, "p999_ms": 900, "max_ms": 2000, "mean_ms": 120,
                "error_rate": 0, "min_rps": 1.5, "max_skipped_arrivals": 0,
                "endpoints": {
                  "GET /api/v1/citizens/": { "p95_ms": 200, "error_rate": 0.01 },
                  "socket.io ack joinRoom": { "p99_ms": 300 }
                }
              },
              "seed-load": { "p95_ms": 400 }
            },
            "CSR – Websockets": {
              "stress": { "error_rate": 0.05 }
            }
          }
        }
        """;

    public static TheoryData<string, string> Problems => new()
    {
        { "{", "scenarios/budgets.json: malformed JSON at line 1, position 2: *" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "p95_ms": 1 } } }, }""", "scenarios/budgets.json: malformed JSON at line 1, *" },
        { """{ "version": 2, "scenarios": {} }""", "scenarios/budgets.json: $.version: unsupported version; this loader reads 1 (was 2)" },
        { """{ "scenarios": {} }""", "scenarios/budgets.json: $.version: required; this loader reads version 1" },
        { """{ "version": 1 }""", "scenarios/budgets.json: $.scenarios: required*" },
        { """[1, 2]""", "scenarios/budgets.json: $: must be an object (was [1, 2])" },
        { """{ "version": 1, "scenarios": [] }""", "scenarios/budgets.json: $.scenarios: must be an object (was [])" },
        { """{ "version": 1, "scenarios": {}, "budgets": {} }""", "scenarios/budgets.json: $.budgets: unknown key; expected one of version, scenarios" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "p99_ms": 0 } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.p99_ms: must be a positive number (was 0)" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "p95_ms": "fast" } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.p95_ms: must be a positive number (was \"fast\")" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "p59_ms": 100 } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.p59_ms: unknown key; expected one of p50_ms, *" },
        { """{ "version": 1, "scenarios": { "A": { "smoek": { "p95_ms": 100 } } } }""", "scenarios/budgets.json: $.scenarios.A.smoek: unknown key; expected one of smoke, seed-load, stress" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "error_rate": 5 } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.error_rate: must be a number from 0 to 1 (a fraction: 0.01 is 1 %) (was 5)" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "error_rate": -0.1 } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.error_rate: must be a number from 0 to 1*(was -0.1)" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "max_skipped_arrivals": 1.5 } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.max_skipped_arrivals: must be a whole number, 0 or more (was 1.5)" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "min_rps": true } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.min_rps: must be a positive number (was true)" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": {} } } }""", "scenarios/budgets.json: $.scenarios.A.smoke: sets no limit; give at least one of p50_ms, *" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "p95_ms": 1, "p95_ms": 2 } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.p95_ms: duplicate key*" },
        { """{ "version": 1, "scenarios": { "A": { "seed-load": { "endpoints": { "GET /x/": { "max_skipped_arrivals": 0 } } } } } }""", "scenarios/budgets.json: $.scenarios.A['seed-load'].endpoints['GET /x/'].max_skipped_arrivals: unknown key*" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "endpoints": { "GET /x/": 250 } } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.endpoints['GET /x/']: must be an object (was 250)" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "p95_ms": 1, "note": 3 } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.note: must be a string (was 3)" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "p95_ms": 1, "compare_tolerance": -0.1 } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.compare_tolerance: must be a fraction > 0 (0.1 is ±10 %) (was -0.1)" },
        { """{ "version": 1, "scenarios": { "A": { "smoke": { "endpoints": { "GET /x/": { "compare_tolerance": 0.2 } } } } } }""", "scenarios/budgets.json: $.scenarios.A.smoke.endpoints['GET /x/'].compare_tolerance: unknown key*" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_kind_of_problem_names_the_file_the_json_path_and_the_value(string json, string expected)
    {
        var parse = () => BudgetFile.Parse(json, File);

        parse.Should().Throw<BudgetFileException>().Which.Problems.Should().ContainMatch(expected);
    }

    [Fact]
    public void A_compare_tolerance_is_read_per_scenario_and_profile_and_absent_means_the_default()
    {
        const string json = """{ "version": 1, "scenarios": { "A": { "smoke": { "p95_ms": 60, "compare_tolerance": 0.15 }, "stress": { "p95_ms": 900 } } } }""";

        var file = BudgetFile.Parse(json, File);

        file.For("A", "smoke").CompareTolerance.Should().Be(0.15);
        file.For("A", "stress").CompareTolerance.Should().BeNull();
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        const string json = """
            { "version": 3,
              "scenarios": { "A": { "smoke": { "p95_ms": -1, "error_rate": 2, "p59_ms": 1 }, "strss": { "p95_ms": 1 } } } }
            """;

        var exception = Assert.Throws<BudgetFileException>(() => BudgetFile.Parse(json, File));

        exception.Problems.Should().HaveCount(5);
        exception.FilePath.Should().Be(File);
        exception.Message.Should().StartWith("scenarios/budgets.json: 5 problems:").And.Contain("$.scenarios.A.strss: unknown key");
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_full_path()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "budgets.json");

        var load = () => BudgetFile.Load(path);

        load.Should().Throw<BudgetFileException>().Which.Problems.Should().ContainSingle().Which.Should().Contain("file not found");
    }

    [Fact]
    public void A_valid_file_loads_every_limit_and_endpoint()
    {
        var path = Path.Combine(Path.GetTempPath(), $"budgets-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, Valid);

        BudgetFile file;
        try
        {
            file = BudgetFile.Load(path);
        }
        finally
        {
            System.IO.File.Delete(path);
        }

        file.Budgets.Select(b => (b.Scenario, b.Profile)).Should().Equal(
            ("CSR – Login, load data, idle", "smoke"), ("CSR – Login, load data, idle", "seed-load"), ("CSR – Websockets", "stress"));
        var smoke = file.For("CSR – Login, load data, idle", "smoke");
        smoke.Limits.Should().Be(new BudgetLimits(100, 250, 500, 900, 2000, 120, 0, 1.5, 0));
        smoke.Endpoints.Should().BeEquivalentTo(new[]
        {
            new EndpointBudget("GET /api/v1/citizens/", new BudgetLimits(P95Ms: 200, ErrorRate: 0.01)),
            new EndpointBudget("socket.io ack joinRoom", new BudgetLimits(P99Ms: 300)),
        }, o => o.WithStrictOrdering());
        file.For("CSR – Websockets", "stress").Limits.Should().Be(new BudgetLimits(ErrorRate: 0.05));
    }

    [Theory]
    [InlineData("CSR – Websockets", "smoke", "scenario 'CSR – Websockets' has no 'smoke' budget (it has: stress)")]
    [InlineData("CSR – Nope", "smoke", "no budget for scenario 'CSR – Nope' (scenarios: 'CSR – Login, load data, idle', 'CSR – Websockets')")]
    public void Asking_for_an_absent_budget_says_what_the_file_has(string scenario, string profile, string expected)
    {
        var file = BudgetFile.Parse(Valid, File);

        var lookup = () => file.For(scenario, profile);

        lookup.Should().Throw<BudgetFileException>().Which.Problems.Should().ContainSingle().Which.Should().Be($"{File}: {expected}");
    }

    [Fact]
    public void Profiles_outside_the_default_set_are_accepted_when_the_caller_names_them()
    {
        const string json = """{ "version": 1, "scenarios": { "A": { "soak": { "p95_ms": 100 } } } }""";

        var file = BudgetFile.Parse(json, File, ["soak"]);

        file.For("A", "soak").Limits.P95Ms.Should().Be(100);
    }
}
