namespace Dispatch.Functions.Hosting;

/// <summary>Where the development keys came from, if they were generated or loaded from a file.</summary>
/// <param name="Path">The keys file, or null when every key was configured.</param>
internal sealed record DevelopmentKeysFile(string? Path);
