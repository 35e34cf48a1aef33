using System.Text.Json;
using Merlin.Core.Json;

namespace Merlin.Server.Api;

internal static class ApiJson
{
    public static JsonSerializerOptions Options => KestraJson.Options;
}
