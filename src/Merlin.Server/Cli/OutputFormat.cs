namespace Merlin.Server.Cli;

/// <summary>How list and get commands print: aligned columns for people, JSON for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
