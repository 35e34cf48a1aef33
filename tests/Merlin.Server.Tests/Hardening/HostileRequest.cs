namespace Merlin.Server.Tests.Hardening;

/// <summary>
/// One malformed or hostile request and the 4xx it must get. <see cref="Build"/> receives the execution whose
/// files the download cases aim at. <see cref="AnsweredByKestrel"/> marks the requests Kestrel refuses before
/// the application runs (it gives them no body, and offers no way to add one).
/// </summary>
public sealed record HostileRequest(string Name, int Status, Func<HostileTarget, HttpRequestMessage> Build, bool AnsweredByKestrel = false)
{
    public override string ToString() => Name;
}

/// <summary>An execution of <c>hostile.upload</c> with one uploaded file, <see cref="FileUri"/>.</summary>
public sealed record HostileTarget(string ExecutionId, string FileUri)
{
    public string Prefix => FileUri[..(FileUri.LastIndexOf('/') + 1)];
}
