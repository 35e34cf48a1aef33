using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Scripts;

/// <summary>Reading a script test's execution: a task's outputs and state, a stored file, the processes left.</summary>
internal static class ScriptRuns
{
    public static JsonNode Run(JsonNode execution, string taskId) =>
        execution["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == taskId)!;

    public static JsonNode Outputs(JsonNode execution, string taskId) => Run(execution, taskId)["outputs"]!;

    public static string State(JsonNode execution, string taskId) => (string)Run(execution, taskId)["state"]!["current"]!;

    public static async Task<string> DownloadAsync(MerlinServer server, JsonNode execution, string uri) =>
        await server.Client.GetStringAsync($"api/v1/executions/{execution["id"]}/file?path={Uri.EscapeDataString(uri)}");

    /// <summary>Command lines of the live processes of this machine holding <paramref name="marker"/>.</summary>
    public static IReadOnlyList<string> ProcessesWith(string marker)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var state = File.ReadAllLines(Path.Combine(directory, "status")).FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal)) ?? "";
                if (commandLine.Contains(marker, StringComparison.Ordinal) && !state.Contains("zombie", StringComparison.Ordinal))
                {
                    found.Add(commandLine);
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>Waits (a deadline, no fixed sleep) until no process holds <paramref name="marker"/>; answers those still alive.</summary>
    public static async Task<IReadOnlyList<string>> ProcessesGoneAsync(string marker, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var left = ProcessesWith(marker);
            if (left.Count == 0 || DateTime.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(20);
        }
    }
}
