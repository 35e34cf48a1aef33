namespace Merlin.Plugins.Scripts.Runner;

/// <summary>A script printed more than <see cref="ScriptOptions"/> allows; the message names the setting to raise.</summary>
public sealed class ScriptOutputLimitException(string message) : Exception(message);
