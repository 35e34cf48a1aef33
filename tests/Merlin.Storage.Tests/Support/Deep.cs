using System.Collections;
using System.Reflection;
using Xunit.Sdk;

namespace Merlin.Storage.Tests.Support;

/// <summary>
/// Structural equality for round-trip checks: records compared property by property, collections item by
/// item, dictionaries key by key, scalars by value AND runtime type (so a double read back as a long fails).
/// </summary>
public static class Deep
{
    public static void Equal(object? expected, object? actual) => Compare(expected, actual, "$");

    private static void Compare(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null)
            {
                throw new XunitException($"{path}: expected {Show(expected)} but was {Show(actual)}");
            }

            return;
        }

        var type = expected.GetType();
        if (IsScalar(type))
        {
            if (type != actual.GetType() || !expected.Equals(actual))
            {
                throw new XunitException($"{path}: expected {Show(expected)} but was {Show(actual)}");
            }

            return;
        }

        if (expected is IDictionary expectedMap)
        {
            var actualMap = actual as IDictionary ?? throw new XunitException($"{path}: expected a map but was {Show(actual)}");
            Assert.True(expectedMap.Count == actualMap.Count, $"{path}: expected {expectedMap.Count} entries but was {actualMap.Count}");
            foreach (DictionaryEntry entry in expectedMap)
            {
                Assert.True(actualMap.Contains(entry.Key), $"{path}: missing key {entry.Key}");
                Compare(entry.Value, actualMap[entry.Key], $"{path}.{entry.Key}");
            }

            return;
        }

        if (expected is IEnumerable expectedItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = (actual as IEnumerable ?? throw new XunitException($"{path}: expected a list but was {Show(actual)}")).Cast<object?>().ToList();
            Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} items but was {right.Count}");
            for (var i = 0; i < left.Count; i++)
            {
                Compare(left[i], right[i], $"{path}[{i}]");
            }

            return;
        }

        Assert.True(type == actual.GetType(), $"{path}: expected a {type.Name} but was a {actual.GetType().Name}");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(TimeSpan) || type == typeof(Guid);

    private static string Show(object? value) => value is null ? "null" : $"{value} ({value.GetType().Name})";
}
