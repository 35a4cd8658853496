namespace PerfSuite.Artillery;

/// <summary>Reads a shell env file such as the users' <c>envs.sh</c>: <c>NAME=VALUE</c> lines, <c>export </c> and quotes allowed.</summary>
public static class ArtilleryEnvFile
{
    /// <summary>The variables of the file, in file order (a later line wins).</summary>
    /// <param name="path">The file.</param>
    /// <returns>Name to value.</returns>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            values[line[..equals].Trim()] = value;
        }

        return values;
    }
}
