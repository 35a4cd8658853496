using System.Reflection;
using System.Runtime.Loader;
using PerfSuite.Engine.Load;

namespace PerfSuite.Cli.Compare;

/// <summary>
/// Loads a team's test or scenario assembly and finds its scenarios. Its dependencies are looked up beside it (a test
/// project's output folder holds them all); PerfSuite's own assemblies are shared with the tool, so its scenarios are the
/// engine's types.
/// </summary>
internal static class ScenarioAssembly
{
    /// <summary>The scenarios of the assembly at <paramref name="path"/>.</summary>
    /// <param name="path">The assembly's path.</param>
    /// <returns>Its catalog.</returns>
    /// <exception cref="ArgumentException">No such file, not an assembly, a dependency that cannot be loaded, or no scenario in it.</exception>
    public static ScenarioCatalog Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ArgumentException($"--scenarios '{path}': no such file (give the .dll of your test or scenario project, e.g. bin/Release/net10.0/MyApi.PerfTests.dll)");
        }

        var directory = Path.GetDirectoryName(full)!;
        Assembly? Probe(AssemblyLoadContext context, AssemblyName name) =>
            Path.Combine(directory, name.Name + ".dll") is var candidate && File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        AssemblyLoadContext.Default.Resolving += Probe;
        try
        {
            var catalog = ScenarioCatalog.FromAssembly(AssemblyLoadContext.Default.LoadFromAssemblyPath(full));
            return catalog.Scenarios.Count > 0
                ? catalog
                : throw new ArgumentException($"--scenarios '{path}': the assembly has no public ILoadScenario class with a parameterless constructor");
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException or TargetInvocationException)
        {
            throw new ArgumentException($"--scenarios '{path}': cannot load its scenarios: {e.GetBaseException().Message}", e);
        }
        finally
        {
            AssemblyLoadContext.Default.Resolving -= Probe;
        }
    }
}
