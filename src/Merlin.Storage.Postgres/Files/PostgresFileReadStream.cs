using Npgsql;

#pragma warning disable VSTHRD002 // Stream.Read is synchronous by contract; ReadAsync is the path Merlin uses

namespace Merlin.Storage.Postgres.Files;

/// <summary>
/// A stored file read one chunk at a time, each fetched when first needed, so a large file never sits whole in
/// memory. Seekable (chunks are addressed by number). A file replaced or deleted while read fails the read.
/// </summary>
internal sealed class PostgresFileReadStream(PostgresDatabase database, Guid fileId, long size) : Stream
{
    private const string SelectChunk = "SELECT data FROM file_chunks WHERE file_id = @file_id AND seq = @seq";

    private byte[] chunk = [];
    private int chunkSeq = -1;
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => size;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= size || buffer.Length == 0)
        {
            return 0;
        }

        var seq = (int)(position / PostgresFileStorage.ChunkSize);
        if (seq != chunkSeq)
        {
            var rows = await database.QueryAsync(SelectChunk, c => c.Uuid("file_id", fileId).Int("seq", seq), r => (byte[])r.GetValue(0), cancellationToken);
            chunk = rows.Count == 1 ? rows[0] : throw new IOException("The stored file was replaced or deleted while it was read.");
            chunkSeq = seq;
        }

        var offset = (int)(position - ((long)seq * PostgresFileStorage.ChunkSize));
        var count = Math.Min(buffer.Length, chunk.Length - offset);
        if (count <= 0)
        {
            throw new IOException("The stored file is shorter than its recorded size.");
        }

        chunk.AsMemory(offset, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => size + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
