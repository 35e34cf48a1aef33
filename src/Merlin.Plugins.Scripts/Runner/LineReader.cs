using System.Text;

namespace Merlin.Plugins.Scripts.Runner;

/// <summary>Splits a stream into lines as they arrive ('\n', a trailing '\r' dropped), refusing a line longer than the limit.</summary>
internal sealed class LineReader(TextReader reader, OutputBudget budget, int maxLineLength)
{
    public async Task ReadAsync(Action<string> onLine, CancellationToken cancellationToken)
    {
        var buffer = new char[8192];
        var line = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            budget.Take(read);
            var chunk = buffer.AsMemory(0, read);
            int newline;
            while ((newline = chunk.Span.IndexOf('\n')) >= 0)
            {
                Append(line, chunk[..newline]);
                onLine(Trimmed(line));
                line.Clear();
                chunk = chunk[(newline + 1)..];
            }

            Append(line, chunk);
        }

        if (line.Length > 0)
        {
            onLine(Trimmed(line));
        }
    }

    private void Append(StringBuilder line, ReadOnlyMemory<char> part)
    {
        if (line.Length + part.Length > maxLineLength)
        {
            throw new ScriptOutputLimitException(
                $"The script printed a line longer than {maxLineLength} characters (limit {maxLineLength}, setting {ScriptOptions.Section}:MaxLineLength)");
        }

        line.Append(part);
    }

    private static string Trimmed(StringBuilder line) =>
        line.Length > 0 && line[^1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();
}
