using PerfSuite.Hosting.Settings;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class ArtifactPathsTests
{
    public static TheoryData<string, string> Slugs => new()
    {
        { "CSR – Login, load data, idle", "csr-login-load-data-idle" },
        { "CSR – Create and delete appointments", "csr-create-and-delete-appointments" },
        { "CSR – Websockets", "csr-websockets" },
        { "CSR – All", "csr-all" },
        { "seed-load", "seed-load" },
        { "  Über / Spaß!  ", "ber-spa" },
    };

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Names_become_lower_case_folder_names_with_single_dashes(string name, string expected)
    {
        var slug = ArtifactPaths.Slug(name);

        slug.Should().Be(expected);
    }

    [Fact]
    public void A_case_folder_is_perf_run_id_then_scenario_slug_and_profile()
    {
        var directory = ArtifactPaths.CaseDirectory("/repo/artifacts", "20261127-034512", "CSR – Websockets", "seed-load");

        directory.Should().Be("/repo/artifacts/perf/20261127-034512/csr-websockets-seed-load");
    }

    [Fact]
    public void The_repository_root_is_found_above_the_test_assembly()
    {
        var root = ArtifactPaths.FindRepositoryRoot(AppContext.BaseDirectory);

        root.Should().NotBeNull();
        File.Exists(Path.Combine(root!, "PerfSuite.sln")).Should().BeTrue();
        File.Exists(Path.Combine(root!, "scenarios", "budgets.json")).Should().BeTrue();
    }

    [Fact]
    public void Without_the_marker_file_there_is_no_repository_root()
    {
        var root = ArtifactPaths.FindRepositoryRoot(AppContext.BaseDirectory, marker: "no-such-marker.sln");

        root.Should().BeNull();
    }

    [Fact]
    public void A_run_id_is_the_UTC_start_time_and_sorts_chronologically()
    {
        var runId = ArtifactPaths.NewRunId(new DateTimeOffset(2026, 11, 27, 5, 45, 12, TimeSpan.FromHours(2)));

        runId.Should().Be("20261127-034512");
    }

    [Fact]
    public void Without_a_solution_above_the_artifacts_go_to_the_project_folder_that_holds_bin()
    {
        var project = Directory.CreateTempSubdirectory("perfsuite-project-");
        try
        {
            var output = Directory.CreateDirectory(Path.Combine(project.FullName, "bin", "Release", "net10.0")).FullName;

            var artifacts = ArtifactPaths.DefaultArtifactsDirectory(output);

            artifacts.Should().Be(Path.Combine(project.FullName, "artifacts"));
        }
        finally
        {
            project.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_solution_root_is_the_nearest_folder_with_a_solution_file()
    {
        var root = Directory.CreateTempSubdirectory("perfsuite-solution-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, "Acme.sln"), string.Empty);
            var output = Directory.CreateDirectory(Path.Combine(root.FullName, "tests", "Acme.PerfTests", "bin", "Debug", "net10.0")).FullName;

            ArtifactPaths.FindSolutionRoot(output).Should().Be(root.FullName);
            ArtifactPaths.DefaultArtifactsDirectory(output).Should().Be(Path.Combine(root.FullName, "artifacts"));
            ArtifactPaths.BudgetsCandidates(output).Should().Equal(
                Path.Combine(output, "budgets.json"), Path.Combine(root.FullName, "scenarios", "budgets.json"), Path.Combine(root.FullName, "budgets.json"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
