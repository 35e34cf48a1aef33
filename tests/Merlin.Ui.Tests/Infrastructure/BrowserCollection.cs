namespace Merlin.Ui.Tests.Infrastructure;

/// <summary>Browser tests share one server and one Chromium (each test uses its own flow ids).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
