namespace Merlin.Client.Models;

/// <summary>A template rendered against an execution's context: its result, or the error.</summary>
public sealed record TemplateEvaluation(string? Result, string? Error, string? StackTrace);
