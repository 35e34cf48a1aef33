using System.Text;

namespace Merlin.Client.Http;

/// <summary>Builds <c>?a=1&amp;b=2</c> from the parameters that have a value.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string name, object? value)
    {
        if (value is null)
        {
            return this;
        }

        var text = value switch
        {
            bool b => b ? "true" : "false",
            DateTimeOffset d => d.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        _text.Append(_text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(text));
        return this;
    }

    public QueryString AddAll(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(name, value);
        }

        return this;
    }

    public override string ToString() => _text.ToString();
}
