namespace Merlin.Server.Security;

/// <summary>The authentication scheme names: <see cref="Default"/> picks Basic or Bearer from the Authorization header.</summary>
internal static class MerlinSchemes
{
    public const string Default = "Merlin";
    public const string Basic = "Basic";
    public const string Bearer = "Bearer";
    public const string Realm = "Merlin";
}
