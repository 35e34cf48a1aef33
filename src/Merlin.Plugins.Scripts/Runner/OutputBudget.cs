namespace Merlin.Plugins.Scripts.Runner;

/// <summary>The characters a script may still print on stdout and stderr together (<see cref="ScriptOptions.MaxOutputSize"/>).</summary>
internal sealed class OutputBudget(ScriptOptions options)
{
    private long _used;

    public void Take(int characters)
    {
        if (Interlocked.Add(ref _used, characters) > options.MaxOutputSize)
        {
            throw new ScriptOutputLimitException(
                $"The script printed more than {options.MaxOutputSize} characters (limit {options.MaxOutputSize}, setting {ScriptOptions.Section}:MaxOutputSize)");
        }
    }
}
