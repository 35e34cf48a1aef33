namespace Merlin.Bench;

/// <summary>Finds the repository (the folder holding <c>Merlin.slnx</c>) from the working or the binary's directory.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Merlin.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Merlin.slnx not found above the working directory; run from the repository.");
    }
}
