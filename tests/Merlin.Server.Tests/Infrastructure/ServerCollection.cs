using Merlin.Testing;
namespace Merlin.Server.Tests.Infrastructure;

/// <summary>Tests of one class share one server (each test uses its own flow ids).</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<MerlinServer>
{
    public const string Name = "server";
}
