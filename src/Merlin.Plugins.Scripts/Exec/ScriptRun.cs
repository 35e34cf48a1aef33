using System.Text.RegularExpressions;
using Merlin.Core.Flows;

namespace Merlin.Plugins.Scripts.Exec;

/// <summary>
/// One run of a script task: its run context, its working directory and output directory. Renders the task's texts with
/// Kestra's extra variables <c>workingDir</c> and <c>outputDir</c>, and replaces <c>kestra://</c> URIs by local copies.
/// </summary>
public sealed partial class ScriptRun(ITaskRunContext context, string workingDirectory, string outputDirectory)
{
    [GeneratedRegex(@"\{\{\s*(workingDir|outputDir)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex DirectoryVariable();

    // Kestra's pattern for internal storage URIs inside a command.
    [GeneratedRegex(@"kestra://[-a-zA-Z0-9%._\+~#=/]*", RegexOptions.CultureInvariant)]
    private static partial Regex InternalStorageUri();

    public ITaskRunContext Context => context;

    public string WorkingDirectory => workingDirectory;

    public string OutputDirectory => outputDirectory;

    /// <summary>
    /// Renders a template; <c>{{ workingDir }}</c> and <c>{{ outputDir }}</c> are the local paths. Those two are put in
    /// as text before rendering because the run context renders against the execution's variables only.
    /// </summary>
    public string Render(string template) =>
        context.Render(DirectoryVariable().Replace(template, m => m.Groups[1].Value == "workingDir" ? workingDirectory : outputDirectory)) ?? "";

    /// <summary>Copies every <c>kestra://</c> file named in <paramref name="text"/> into the working directory and puts its path instead.</summary>
    public async Task<string> LocalizeAsync(string text, CancellationToken cancellationToken)
    {
        var copies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var uri in InternalStorageUri().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            var name = Guid.NewGuid().ToString("N")[..8] + "-" + Path.GetFileName(uri.TrimEnd('/'));
            var path = Path.Combine(workingDirectory, name);
            await using (var source = await context.OpenFileAsync(uri, cancellationToken))
            await using (var target = File.Create(path))
            {
                await source.CopyToAsync(target, cancellationToken);
            }

            copies[uri] = path;
        }

        return copies.Count == 0 ? text : InternalStorageUri().Replace(text, m => copies[m.Value]);
    }

    /// <summary>Writes a script file with a fresh name into the working directory; answers its absolute path.</summary>
    public async Task<string> WriteScriptAsync(string content, string extension, CancellationToken cancellationToken)
    {
        var path = Path.Combine(workingDirectory, Guid.NewGuid().ToString("N")[..22] + extension);
        await File.WriteAllTextAsync(path, content, cancellationToken);
        return path;
    }
}
