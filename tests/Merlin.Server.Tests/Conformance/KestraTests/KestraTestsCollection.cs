namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>The kestra-tests corpus runs on its own server, one test at a time (cases see every execution of the server).</summary>
[CollectionDefinition(Name)]
public sealed class KestraTestsCollection : ICollectionFixture<KestraTestsServer>
{
    public const string Name = "kestra-tests";
}
