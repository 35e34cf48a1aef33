using System.Text;
using Merlin.Client.Http;
using Merlin.Client.Models;

namespace Merlin.Client.Flows;

/// <summary><c>/api/v1/flows</c>: write flows as YAML, read them back typed, validate, deploy in bulk.</summary>
public sealed class FlowsClient
{
    private readonly ApiConnection _api;

    internal FlowsClient(ApiConnection api) => _api = api;

    /// <summary>Creates a flow from its YAML source (409 when it exists).</summary>
    public Task<Flow> CreateAsync(string yaml, CancellationToken cancellationToken = default) =>
        _api.SendAsync<Flow>(HttpMethod.Post, "api/v1/flows", Yaml(yaml), cancellationToken);

    /// <summary>Replaces a flow's source; an unchanged source makes no new revision.</summary>
    public Task<Flow> UpdateAsync(string @namespace, string id, string yaml, CancellationToken cancellationToken = default) =>
        _api.SendAsync<Flow>(HttpMethod.Put, $"api/v1/flows/{ApiConnection.Escape(@namespace)}/{ApiConnection.Escape(id)}", Yaml(yaml), cancellationToken);

    /// <summary>A flow (its latest revision, or <paramref name="revision"/>), with its source when <paramref name="source"/> is set.</summary>
    public Task<Flow> GetAsync(string @namespace, string id, int? revision = null, bool source = false, CancellationToken cancellationToken = default) =>
        _api.SendAsync<Flow>(HttpMethod.Get,
            $"api/v1/flows/{ApiConnection.Escape(@namespace)}/{ApiConnection.Escape(id)}" + new QueryString().Add("revision", revision).Add("source", source ? true : null),
            null, cancellationToken);

    /// <summary>Every flow of exactly one namespace.</summary>
    public Task<IReadOnlyList<Flow>> ListAsync(string @namespace, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<Flow>>(HttpMethod.Get, $"api/v1/flows/{ApiConnection.Escape(@namespace)}", null, cancellationToken);

    /// <summary>Searches flows by text (<paramref name="query"/> in id or namespace), namespace prefix and labels (<c>key:value</c>).</summary>
    public Task<PagedResults<Flow>> SearchAsync(string? query = null, string? @namespace = null, IEnumerable<string>? labels = null, int page = 1, int size = 100, CancellationToken cancellationToken = default) =>
        _api.SendAsync<PagedResults<Flow>>(HttpMethod.Get,
            "api/v1/flows/search" + new QueryString().Add("q", query).Add("namespace", @namespace).AddAll("labels", labels).Add("page", page).Add("size", size),
            null, cancellationToken);

    /// <summary>Every revision of a flow, oldest first, with sources.</summary>
    public Task<IReadOnlyList<Flow>> GetRevisionsAsync(string @namespace, string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<Flow>>(HttpMethod.Get, $"api/v1/flows/{ApiConnection.Escape(@namespace)}/{ApiConnection.Escape(id)}/revisions", null, cancellationToken);

    /// <summary>Deletes a flow (404 when there is none).</summary>
    public Task DeleteAsync(string @namespace, string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"api/v1/flows/{ApiConnection.Escape(@namespace)}/{ApiConnection.Escape(id)}", null, cancellationToken);

    /// <summary>Validates one or more YAML documents (separated by <c>---</c>) without saving them; one answer per document.</summary>
    public Task<IReadOnlyList<FlowValidation>> ValidateAsync(string yaml, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<FlowValidation>>(HttpMethod.Post, "api/v1/flows/validate", Yaml(yaml), cancellationToken);

    /// <summary>
    /// Creates or updates every flow of <paramref name="yaml"/> (documents separated by <c>---</c>) after validating
    /// them all; with <paramref name="namespace"/>, every flow must be in it, and <paramref name="deleteMissing"/>
    /// deletes that namespace's other flows. Unchanged sources make no new revision.
    /// </summary>
    public Task<IReadOnlyList<Flow>> DeployAsync(string yaml, string? @namespace = null, bool deleteMissing = false, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<Flow>>(HttpMethod.Post,
            "api/v1/flows/bulk" + new QueryString().Add("namespace", @namespace).Add("delete", deleteMissing ? true : null),
            Yaml(yaml), cancellationToken);

    private static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/x-yaml");
}
