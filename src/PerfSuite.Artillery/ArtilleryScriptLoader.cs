using PerfSuite.Artillery.Reading;

namespace PerfSuite.Artillery;

/// <summary>Reads Artillery YAML scripts into <see cref="ArtilleryScript"/>s, or fails with every problem before any load.</summary>
public static class ArtilleryScriptLoader
{
    /// <summary>Reads the script at <paramref name="path"/>.</summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="options">Environment and hook handling; default the process environment, hooks refused.</param>
    /// <returns>The script.</returns>
    /// <exception cref="ArtilleryScriptException">The file is missing or not valid YAML, or a key is unsupported or wrong; the message lists every problem with file, line, column and key.</exception>
    public static ArtilleryScript Load(string path, ArtilleryLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ArtilleryScriptException([new ArtilleryProblem(path, 1, 1, "(script)", $"the file does not exist (full path {full})")]);
        }

        return Parse(File.ReadAllText(full), full, options);
    }

    /// <summary>Reads a script from its text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="path">The path the text came from: errors name it, and <c>config.processor</c> is found next to it.</param>
    /// <param name="options">Environment and hook handling.</param>
    /// <returns>The script.</returns>
    /// <exception cref="ArtilleryScriptException">See <see cref="Load"/>.</exception>
    public static ArtilleryScript Parse(string yaml, string path, ArtilleryLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new ArtilleryLoadOptions();
        var problems = new List<ArtilleryProblem>();
        var source = YamlSource.Parse(yaml, path, problems);
        if (problems.Count > 0)
        {
            throw new ArtilleryScriptException(problems);
        }

        var context = new ScriptContext(path, options.Environment, source.QuotedTemplates)
        {
            Strict = options.Strict,
            AllowMissingEnvironment = options.AllowMissingEnvironment,
        };
        var script = new ScriptReader(context, options).Read(source.Root, path);
        if (context.Problems.Count > 0 || script is null)
        {
            throw new ArtilleryScriptException(context.Problems.OrderBy(p => p.File == path ? 0 : 1).ThenBy(p => p.Line).ThenBy(p => p.Column).ToList());
        }

        return script with { Warnings = context.Warnings.OrderBy(w => w.Line).ThenBy(w => w.Column).ToList() };
    }
}
