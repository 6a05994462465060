namespace Dispatch.Testing;

/// <summary>Finds the repository root (the folder holding <c>Dispatch.sln</c>) from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Gets the absolute path of the repository root.</summary>
    public static string RepositoryRoot => Root.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dispatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Dispatch.sln above {AppContext.BaseDirectory}; run tests from inside the repository.");
    }
}
