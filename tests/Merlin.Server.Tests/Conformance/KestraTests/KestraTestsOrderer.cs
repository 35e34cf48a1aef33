using Xunit.Abstractions;
using Xunit.Sdk;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>Runs the kestra-tests rows in the corpus' order: invalid flows, parse list, then the cases as cases.json lists them.</summary>
public sealed class KestraTestsOrderer : ITestCaseOrderer
{
    public const string TypeName = "Merlin.Server.Tests.Conformance.KestraTests.KestraTestsOrderer";
    public const string AssemblyName = "Merlin.Server.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
    {
        var order = KestraTestsCorpus.CaseList.Select((c, i) => ((string)c!["name"]!, i)).ToDictionary(p => p.Item1, p => p.i);
        return testCases
            .OrderBy(t => t.TestMethod.Method.Name switch
            {
                nameof(KestraTestsConformanceTests.Invalid_flow_is_refused_with_a_4xx) => 0,
                nameof(KestraTestsConformanceTests.Flow_is_accepted) => 1,
                nameof(KestraTestsConformanceTests.Case_passes) => 2,
                _ => 3,
            })
            .ThenBy(t => t.TestMethodArguments is [string name] && order.TryGetValue(name, out var i) ? i : -1)
            .ToList();
    }
}
