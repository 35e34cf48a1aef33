namespace Merlin.Core.Executions;

/// <summary>
/// Where new ids come from. The engine draws every id it creates (task runs, replays, <c>uuid()</c> in its own renders)
/// from the source it is given, so that an advance is reproducible: <see cref="RandomIds"/> in production, a scripted
/// sequence in tests and in recorded histories.
/// </summary>
public interface IIdSource
{
    /// <summary>The next id, as a UUID; <see cref="Ids.Of"/> writes it as Kestra's short id.</summary>
    Guid NextGuid();
}
