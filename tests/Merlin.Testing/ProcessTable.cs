namespace Merlin.Testing;

/// <summary>The live (not zombie) processes of this machine whose command line holds a marker.</summary>
public static class ProcessTable
{
    public static IReadOnlyList<string> With(string marker)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var zombie = File.ReadAllLines(Path.Combine(directory, "status")).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("zombie", StringComparison.Ordinal));
                if (commandLine.Contains(marker, StringComparison.Ordinal) && !zombie)
                {
                    found.Add(commandLine);
                }
            }
            catch (IOException)
            {
                // It ended while being read.
            }
        }

        return found;
    }

    /// <summary>Polls (with a deadline) until none is left; answers those still alive.</summary>
    public static async Task<IReadOnlyList<string>> GoneAsync(string marker, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (With(marker) is { Count: > 0 } left)
        {
            if (DateTime.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(20);
        }

        return [];
    }
}
