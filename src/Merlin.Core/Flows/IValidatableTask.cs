namespace Merlin.Core.Flows;

/// <summary>A task type with its own save-time rules (e.g. Switch needs cases or defaults).</summary>
public interface IValidatableTask
{
    IEnumerable<string> Validate();
}
