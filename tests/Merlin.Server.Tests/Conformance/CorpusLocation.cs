namespace Merlin.Server.Tests.Conformance;

/// <summary>
/// Finds a conformance corpus: the shared one next to the checkout (<c>../shared/conformance/NAME</c>) when present, as it
/// grows over time; otherwise the copy committed under <c>tests/conformance/NAME</c>, which a clean clone (CI) has.
/// </summary>
public static class CorpusLocation
{
    public static string Find(string name, string marker)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared", "conformance", name);
            if (File.Exists(Path.Combine(shared, marker)))
            {
                return shared;
            }

            var committed = Path.Combine(dir.FullName, "tests", "conformance", name);
            if (File.Exists(Path.Combine(committed, marker)) && File.Exists(Path.Combine(dir.FullName, "Merlin.slnx")))
            {
                var sibling = Path.Combine(dir.Parent?.FullName ?? "", "shared", "conformance", name);
                return File.Exists(Path.Combine(sibling, marker)) ? sibling : committed;
            }
        }

        throw new InvalidOperationException($"conformance corpus {name} not found");
    }
}
