namespace PerfSuite.Lab.Compare;

/// <summary>
/// A detached git worktree of one commit in a temporary folder, for the baseline's sources. Disposing removes it
/// (<c>git worktree remove --force</c>, then the folder), whatever happened in between.
/// </summary>
internal sealed class GitWorktree : IAsyncDisposable
{
    private readonly string _repository;
    private readonly string _root;

    private GitWorktree(string repository, string root, string path)
    {
        _repository = repository;
        _root = root;
        Path = path;
    }

    /// <summary>The worktree folder.</summary>
    public string Path { get; }

    /// <summary>The full commit id of <paramref name="gitRef"/>, or <c>null</c> when it names no commit.</summary>
    public static async Task<string?> ResolveAsync(string repository, string gitRef, CancellationToken cancellationToken)
    {
        var (code, output, _) = await Git.RunAsync(repository, ["rev-parse", "--verify", "--quiet", "--end-of-options", gitRef + "^{commit}"], cancellationToken).ConfigureAwait(false);
        return code == 0 && output.Length > 0 ? output : null;
    }

    /// <summary>Adds a detached worktree of <paramref name="commit"/> in a new temporary folder.</summary>
    /// <exception cref="InvalidOperationException">git refused; the message carries its error.</exception>
    public static async Task<GitWorktree> AddAsync(string repository, string commit, CancellationToken cancellationToken)
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perfsuite-compare-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var path = System.IO.Path.Combine(root, "baseline");
        var (code, _, error) = await Git.RunAsync(repository, ["worktree", "add", "--detach", path, commit], cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            Directory.Delete(root, recursive: true);
            throw new InvalidOperationException($"git worktree add of {commit} failed: {error}");
        }

        return new GitWorktree(repository, root, path);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Not the caller's token: a cancelled comparison must still remove its worktree.
        await Git.RunAsync(_repository, ["worktree", "remove", "--force", Path], CancellationToken.None).ConfigureAwait(false);
        await Git.RunAsync(_repository, ["worktree", "prune"], CancellationToken.None).ConfigureAwait(false);
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
