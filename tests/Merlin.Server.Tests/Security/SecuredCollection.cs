namespace Merlin.Server.Tests.Security;

/// <summary>Tests of one class share one secured server.</summary>
[CollectionDefinition(Name)]
public sealed class SecuredCollection : ICollectionFixture<SecuredServer>
{
    public const string Name = "secured server";
}
