using System.Text.Json;
using System.Text.Json.Nodes;

namespace Merlin.Core.Tests.Engine.Golden;

/// <summary>
/// Where histories live: <c>tests/Merlin.Core.Tests/Engine/Golden/histories/NAME.json</c> in the checkout. With
/// <c>MERLIN_RECORD_GOLDEN=1</c> in the environment the tests record them again instead of only replaying them.
/// </summary>
internal static class GoldenFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Recording => Environment.GetEnvironmentVariable("MERLIN_RECORD_GOLDEN") == "1";

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory => Path.Combine(RepositoryRoot, "tests", "Merlin.Core.Tests", "Engine", "Golden", "histories");

    public static JsonNode Read(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, name + ".json")))
        ?? throw new InvalidOperationException($"history {name} is empty");

    public static void Write(string name, JsonNode history)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, name + ".json"), history.ToJsonString(Indented) + "\n");
    }

    public static IEnumerable<string> Names() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Merlin.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the checkout (Merlin.slnx) was not found above the test binaries");
    }
}
