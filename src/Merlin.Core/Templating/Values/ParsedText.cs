using Merlin.Core.Limits;

namespace Merlin.Core.Templating.Values;

/// <summary>The size bound shared by the template functions that parse text (yaml, fromJson, jq).</summary>
internal static class ParsedText
{
    public static void CheckLength(string text, LimitOptions limits, string function)
    {
        if (text.Length > limits.MaxParsedTextLength)
        {
            throw new TemplateException($"{function}: " + LimitExceededException.For($"the text is longer than {limits.MaxParsedTextLength} characters", limits.MaxParsedTextLength, nameof(LimitOptions.MaxParsedTextLength)).Message);
        }
    }
}
