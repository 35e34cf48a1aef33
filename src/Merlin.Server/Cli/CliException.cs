namespace Merlin.Server.Cli;

/// <summary>A usage or input problem the CLI reports as one line and exit code 1.</summary>
internal sealed class CliException(string message) : Exception(message);
