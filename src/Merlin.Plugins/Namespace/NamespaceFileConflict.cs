namespace Merlin.Plugins.Namespace;

/// <summary>What UploadFiles does when a namespace file already exists.</summary>
public enum NamespaceFileConflict
{
    OVERWRITE,
    ERROR,
    SKIP,
}
