using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>Every processor function a script names (hooks and <c>function</c> steps), resolved once the whole script is read.</summary>
internal sealed class HookReferences
{
    private readonly List<(string Name, string Kind, YamlNode Node, string Key)> references = [];

    /// <summary>How many references were added so far.</summary>
    public int Count => references.Count;

    /// <summary>Forgets the references added after the first <paramref name="count"/> (a flow read again).</summary>
    public void Truncate(int count) => references.RemoveRange(count, references.Count - count);

    public void Add(ScriptContext context, YamlNode node, string kind, string key)
    {
        if (node is YamlSequenceNode list)
        {
            for (var i = 0; i < list.Children.Count; i++)
            {
                Add(context, list.Children[i], kind, $"{key}[{i}]");
            }

            return;
        }

        if (context.Text(node, key) is { } name)
        {
            references.Add((name, kind, node, key));
        }
    }

    /// <summary>Splits the references into token hooks and ignored hooks; any other reference is a problem.</summary>
    public (List<ArtilleryHook> Token, List<ArtilleryHook> Ignored) Resolve(ScriptContext context, ProcessorFile? processor, YamlNode? processorNode, ArtilleryLoadOptions options)
    {
        var token = new List<ArtilleryHook>();
        var ignored = new List<ArtilleryHook>();
        foreach (var (name, kind, node, key) in references)
        {
            var found = processor?.Find(name);
            var hook = new ArtilleryHook(name, kind, context.Where(node), found?.Where);
            var isToken = options.TokenHooks.Count > 0
                ? options.TokenHooks.Contains(name, StringComparer.Ordinal)
                : kind is "beforeRequest" or "beforeScenario" && found is { } definition && definition.Body.Contains("Bearer", StringComparison.Ordinal);
            if (isToken && (processor is not null || options.TokenHooks.Count > 0))
            {
                if (!token.Any(t => t.Name == name))
                {
                    token.Add(hook);
                }
            }
            else if (options.IgnoreHooks)
            {
                ignored.Add(hook);
            }
            else if (processorNode is null && !context.Strict)
            {
                // Without config.processor Artillery finds no such function: it prints a warning and skips the hook
                // (a function step also counts an 'Undefined function' error), and the flow goes on.
                ignored.Add(hook);
                context.Warnings.Add(new ArtilleryWarning(context.File, node.Start.Line, node.Start.Column, key,
                    $"{kind} '{name}' is skipped: the script sets no config.processor, so Artillery finds no such function and skips it too"));
            }
            else
            {
                var where = found is { } f ? $"defined at {f.Where}" : processor is null
                    ? (processorNode is null ? "the script sets no config.processor" : $"config.processor '{(processorNode as YamlScalarNode)?.Value}' was not found next to the script")
                    : $"not found in {processor.Path}";
                context.Error(node, key,
                    $"{kind} '{name}' ({where}) is JavaScript, which PerfSuite does not run. A hook that sets the bearer token is replaced by "
                    + "PerfSuite's token provider (name it with --token-hook NAME); anything else: rewrite it as a C# step, or pass --ignore-hooks to run without it");
            }
        }

        return (token, ignored);
    }
}
