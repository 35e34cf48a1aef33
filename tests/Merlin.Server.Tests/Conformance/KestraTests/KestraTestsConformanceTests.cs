using Xunit.Abstractions;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// Kestra's own test suite (<c>conformance/kestra-tests</c>) through the HTTP API: every invalid flow refused, every flow
/// of parse.json accepted, every execution case passing, each as its own row. Rows listed in kestra-tests-pending.json
/// report themselves skipped with their cause while they fail, and fail once they pass, so the list only shrinks.
/// </summary>
[Collection(KestraTestsCollection.Name)]
[TestCaseOrderer(KestraTestsOrderer.TypeName, KestraTestsOrderer.AssemblyName)]
public sealed class KestraTestsConformanceTests(KestraTestsServer server, ITestOutputHelper output)
{
    public static IEnumerable<object[]> InvalidFiles() => KestraTestsCorpus.RefusedList.Select(e => new object[] { (string)e!["file"]! });

    public static IEnumerable<object[]> ParseFiles() => KestraTestsCorpus.ParseList.Select(e => new object[] { (string)e!["file"]! });

    public static IEnumerable<object[]> CaseNames() => KestraTestsCorpus.CaseList.Select(c => new object[] { (string)c!["name"]! });

    [SkippableTheory]
    [MemberData(nameof(InvalidFiles))]
    public void Invalid_flow_is_refused_with_a_4xx(string file) =>
        Settle(server.InvalidFailures.GetValueOrDefault(file), KestraTestsCorpus.Pending.Invalids, file);

    [SkippableTheory]
    [MemberData(nameof(ParseFiles))]
    public void Flow_is_accepted(string file) =>
        Settle(server.ParseFailures.GetValueOrDefault(file), KestraTestsCorpus.Pending.Parse, file);

    [SkippableTheory]
    [MemberData(nameof(CaseNames))]
    public async Task Case_passes(string name)
    {
        string? failure = null;
        try
        {
            await new KestraCaseRunner(server, KestraTestsCorpus.Case(name)).RunAsync();
        }
        catch (Exception e) when (e is KestraCaseFailureException || KestraTestsCorpus.Pending.Cases.ContainsKey(name))
        {
            failure = e is KestraCaseFailureException ? e.Message : e.ToString();
        }

        output.WriteLine(failure ?? "passes");
        Settle(failure, KestraTestsCorpus.Pending.Cases, name);
    }

    [Fact]
    public void Pending_list_names_only_entries_of_the_corpus_each_with_a_cause()
    {
        var pending = KestraTestsCorpus.Pending;
        var cases = CaseNames().Select(r => (string)r[0]).ToHashSet();
        Assert.Subset(cases, pending.Cases.Keys.ToHashSet());
        Assert.Subset(ParseFiles().Select(r => (string)r[0]).ToHashSet(), pending.Parse.Keys.ToHashSet());
        Assert.Subset(InvalidFiles().Select(r => (string)r[0]).ToHashSet(), pending.Invalids.Keys.ToHashSet());
        Assert.All(pending.Cases.Values.Concat(pending.Parse.Values).Concat(pending.Invalids.Values), cause => Assert.False(string.IsNullOrWhiteSpace(cause)));

        output.WriteLine($"kestra-tests: {cases.Count - pending.Cases.Count}/{cases.Count} cases pass, "
                         + $"{ParseFiles().Count() - pending.Parse.Count}/{ParseFiles().Count()} flows accepted, "
                         + $"{InvalidFiles().Count() - pending.Invalids.Count}/{InvalidFiles().Count()} invalid flows refused");
    }

    private static void Settle(string? failure, IReadOnlyDictionary<string, string> pending, string key)
    {
        if (pending.TryGetValue(key, out var cause))
        {
            Assert.True(failure is not null, $"{key} passes now: remove it from {KestraTestsPending.FileName}");
            Skip.If(true, $"pending ({cause}): {failure}");
        }

        Assert.True(failure is null, failure);
    }
}
