namespace Merlin.Plugins.Scripts.Runner;

/// <summary>Bounds on what a script may print (settings <c>Merlin:Scripts</c>); a script past them fails with the setting's name.</summary>
public sealed class ScriptOptions
{
    public const string Section = "Merlin:Scripts";

    /// <summary>Longest line (in characters) read from a script's stdout or stderr.</summary>
    public int MaxLineLength { get; set; } = 1024 * 1024;

    /// <summary>Most characters read from a script's stdout and stderr together.</summary>
    public long MaxOutputSize { get; set; } = 100L * 1024 * 1024;

    public void Validate()
    {
        if (MaxLineLength < 1 || MaxOutputSize < 1)
        {
            throw new InvalidOperationException($"{Section}:MaxLineLength and {Section}:MaxOutputSize must be positive");
        }
    }
}
