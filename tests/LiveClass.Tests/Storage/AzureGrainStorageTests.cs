using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Grains.Journal;
using LiveClass.Grains.Sessions;
using LiveClass.Grains.Storage;
using LiveClass.Tests.Domain;
using LiveClass.Tests.Grains;
using LiveClass.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveClass.Tests.Storage;

/// <summary>
/// Orleans' Azure Table and Blob grain storage as the server configures them, on a real Azurite:
/// optimistic concurrency, the largest class, and tables and containers made at start-up.
/// </summary>
public sealed class AzureGrainStorageTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_missing_table_and_container_are_created_at_start_up()
    {
        var (table, container) = FreshNames();
        var tables = new TableServiceClient(azurite.ConnectionString);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        Assert.Empty(tables.Query(t => t.Name == table).ToList());
        Assert.False((await blobs.GetBlobContainerClient(container).ExistsAsync()).Value);

        await using var server = await StartServerAsync(table, container);

        Assert.Single(tables.Query(t => t.Name == table).ToList());
        Assert.True((await blobs.GetBlobContainerClient(container).ExistsAsync()).Value);

        // And the server stores a class there.
        var created = await server.CreateClassAsync();
        Assert.NotEmpty(tables.GetTableClient(table).Query<TableEntity>().ToList());
        Assert.Equal(created.ClassId, (await server.SnapshotAsync(created.ClassId)).ClassId);
    }

    [Theory]
    [InlineData(StorageNames.Classes)]
    [InlineData(StorageNames.Rosters)]
    public async Task Concurrent_writers_of_one_state_get_an_InconsistentStateException_and_the_winner_stays(string provider)
    {
        var (table, container) = FreshNames();
        await using var server = await StartServerAsync(table, container);
        var storage = server.Services.GetRequiredKeyedService<IGrainStorage>(provider);
        var grain = GrainId.Create("classsession", "concurrent-" + provider);

        // Twice: two writers of a state that does not exist yet, then two that read the same version.
        for (var round = 0; round < 2; round++)
        {
            var a = await ReadAsync<ClassSessionState>(storage, grain);
            var b = await ReadAsync<ClassSessionState>(storage, grain);
            a.State = new ClassSessionState { Title = $"a{round}" };
            b.State = new ClassSessionState { Title = $"b{round}" };

            var writes = new[] { storage.WriteStateAsync("session", grain, a), storage.WriteStateAsync("session", grain, b) };
            var outcome = await Task.WhenAll(writes.Select(async w =>
            {
                try
                {
                    await w;
                    return null;
                }
                catch (Exception exception)
                {
                    return exception;
                }
            }));

            Assert.Single(outcome, e => e is null);
            var refused = Assert.Single(outcome, e => e is not null);
            Assert.IsAssignableFrom<InconsistentStateException>(refused);
            var winner = outcome[0] is null ? a : b;
            var stored = await ReadAsync<ClassSessionState>(storage, grain);
            Assert.Equal(winner.State!.Title, stored.State!.Title);
            Assert.Equal(winner.ETag, stored.ETag);
        }
    }

    [Fact]
    public async Task The_largest_class_state_round_trips_and_each_store_is_measured()
    {
        var (table, container) = FreshNames();
        await using var server = await StartServerAsync(table, container);
        var serializer = server.Services.GetRequiredService<Serializer>();
        var (session, rosterAndChat, segment) = await LargestClassAsync();
        var grain = GrainId.Create("classsession", "largest");

        var classes = server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Classes);
        var rosters = server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Rosters);
        await AssertRoundTripsAsync(classes, "session", grain, session, serializer);
        await AssertRoundTripsAsync(rosters, "rosterAndChat", grain, rosterAndChat, serializer);
        await AssertRoundTripsAsync(classes, "segment", GrainId.Create("classlogsegment", "largest/1"), segment, serializer);

        // The measurement behind docs/operations.md's choice of table or blob per state.
        foreach (var (name, provider, state) in new (string, IGrainStorage, object)[]
        {
            ("session on Table", classes, session), ("session on Blob", rosters, session),
            ("rosterAndChat on Table", classes, rosterAndChat), ("rosterAndChat on Blob", rosters, rosterAndChat),
            ("segment on Table", classes, segment),
        })
        {
            var bytes = serializer.SerializeToArray(state).Length;
            var median = await MedianWriteAsync(provider, GrainId.Create("classsession", "measure-" + name.Replace(' ', '-')), state);
            output.WriteLine($"{name}: {bytes / 1024.0:0.0} KiB, median write {median.TotalMilliseconds:0.0} ms");
        }
    }

    [Fact]
    public async Task A_journal_on_Azure_Table_is_read_to_its_end_and_sealed_and_its_silo_can_then_store_nothing_more_and_a_sweep_leaves_no_row_of_it()
    {
        var (table, container) = FreshNames();
        await using var server = await StartServerAsync(table, container);
        Assert.True(server.Services.GetRequiredService<IOptions<JournalOptions>>().Value.Enabled);
        var storage = server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Classes);
        var dying = new SiloJournal(storage, Options.Create(new JournalOptions()), TimeProvider.System, NullLogger<SiloJournal>.Instance);
        var start = dying.Position;
        for (var seq = 1; seq <= 3; seq++)
        {
            await dying.TryAppend("class-a", start, [new JournalEntry("class-a", new ClassEvent(seq, seq, ClassEventKind.StepChanged, "instructor", StepIndex: seq), null)])!;
        }

        var survivor = new SiloJournal(storage, Options.Create(new JournalOptions()), TimeProvider.System, NullLogger<SiloJournal>.Instance);
        var reader = new JournalReader(storage, survivor, TimeProvider.System, NullLogger<JournalReader>.Instance);
        var found = await reader.ReadAsync(start, "class-a", afterSeq: 1);

        Assert.Equal([2L, 3L], found.Select(e => e.Event.Seq));
        var late = dying.TryAppend("class-a", start, [new JournalEntry("class-a", new ClassEvent(4, 4, ClassEventKind.StepChanged, "instructor", StepIndex: 4), null)])!;
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => late);
        Assert.Equal([2L, 3L], (await new JournalReader(storage, survivor, TimeProvider.System, NullLogger<JournalReader>.Instance)
            .ReadAsync(start, "class-a", afterSeq: 1)).Select(e => e.Event.Seq));

        // The journal is one partition with a row per chunk, its three chunks and the seal after them.
        var rows = ChunkRows(table);
        Assert.Single(rows.Select(row => row.PartitionKey).Distinct());
        Assert.Contains(start.JournalId, rows[0].PartitionKey);
        Assert.Equal(["chunk-0", "chunk-1", "chunk-2", "chunk-3"], rows.Select(row => row.RowKey).Order());

        // Swept once its silo is dead: every chunk found below the seal, and the seal, are deleted.
        var sweeper = server.Services.GetRequiredService<JournalSweeper>();
        var remains = await sweeper.FindAsync(start.JournalId, [3]);
        Assert.Equal((3, 1), (remains.Chunks, remains.Seals));
        Assert.Null(await sweeper.DeleteAsync(remains, keepEnd: false));
        Assert.Empty(ChunkRows(table));
    }

    [Fact]
    public async Task A_silo_that_stops_deletes_its_journal_before_its_storage_closes_and_leaves_no_row_of_it()
    {
        var (table, container) = FreshNames();
        var server = await StartServerAsync(table, container);
        CreateClassResponse created;
        try
        {
            created = await server.CreateClassAsync();
            await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl);
            await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
            await instructor.Hub.StartClass();
            for (var step = 1; step <= 5; step++)
            {
                await instructor.Hub.GoToStep(step);
            }

            // The class's changes are in the journal, and kept: it has not written its state since.
            Assert.NotEmpty(ChunkRows(table));
        }
        finally
        {
            await server.DisposeAsync();
        }

        // Stopping, the class wrote its state naming no journal, and the silo deleted every chunk;
        // the class comes back where it was without them.
        Assert.Empty(ChunkRows(table));
        await using var restarted = await StartServerAsync(table, container);
        Assert.Equal(5, (await restarted.SnapshotAsync(created.ClassId)).StepIndex);
    }

    [Fact]
    public async Task A_state_write_that_storage_refuses_reaches_the_client_as_unavailable_and_the_class_recovers()
    {
        var (table, container) = FreshNames();
        // Without the journal every commit writes the class's state, so the next change meets the refusal.
        await using var server = await StartServerAsync(table, container, "LiveClass:Journal:Enabled=false");
        var created = await server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        var started = await instructor.Hub.StartClass();

        // Another writer changes the stored state behind the grain's back: its next write is refused.
        var storage = server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Classes);
        var grain = server.Grains.GetGrain<IClassSessionGrain>(created.ClassId).GetGrainId();
        var stored = await ReadAsync<ClassSessionState>(storage, grain);
        Assert.True(stored.RecordExists);
        await storage.WriteStateAsync("session", grain, stored);

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => instructor.Hub.GoToStep(2));
        Assert.StartsWith("unavailable: ", refused.Message);

        // The grain reloads what storage has, and the same call, asked again, goes through on the same connection.
        var seq = await instructor.Hub.GoToStep(2);
        Assert.True(seq > started);
        Assert.Equal(2, (await server.SnapshotAsync(created.ClassId)).StepIndex);
    }

    /// <summary>200 families, 1,000 chat messages of the longest length, and the log's tail, as the grain stores them.</summary>
    [Fact]
    public async Task A_class_and_its_roster_are_stored_compressed_in_their_row_and_blob_and_a_small_state_as_Orleans_writes_it()
    {
        var (table, container) = FreshNames();
        await using var server = await StartServerAsync(table, container);
        var serializer = server.Services.GetRequiredService<Serializer>();
        var (session, rosterAndChat, _) = await LargestClassAsync();
        var classes = server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Classes);
        var rosters = server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Rosters);
        var small = new JoinCodeState { ClassId = "class-small" };
        await classes.WriteStateAsync("session", GrainId.Create("classsession", "compressed"), new GrainState<ClassSessionState>(session));
        await classes.WriteStateAsync("joinCode", GrainId.Create("joincode", "small"), new GrainState<JoinCodeState>(small));
        await rosters.WriteStateAsync("rosterAndChat", GrainId.Create("classsession", "compressed"), new GrainState<RosterAndChatState>(rosterAndChat));

        var rows = new TableServiceClient(azurite.ConnectionString).GetTableClient(table).Query<TableEntity>().ToList();
        var sessionRow = rows.Single(r => r.RowKey == "session").GetBinary("Data");
        var smallRow = rows.Single(r => r.RowKey == "joinCode").GetBinary("Data");
        var blobs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container);
        var blob = blobs.GetBlobs().Single();
        var rosterBlob = (await blobs.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();

        var plainSession = serializer.SerializeToArray(session);
        var plainRoster = serializer.SerializeToArray(rosterAndChat);
        output.WriteLine($"session: {sessionRow.Length / 1024.0:0.0} of {plainSession.Length / 1024.0:0.0} KiB; rosterAndChat: {rosterBlob.Length / 1024.0:0.0} of {plainRoster.Length / 1024.0:0.0} KiB");
        Assert.Equal(CompressedGrainStorageSerializer.Marker, sessionRow[0]);
        Assert.True(sessionRow.Length * 2 < plainSession.Length, $"{sessionRow.Length} bytes stored for {plainSession.Length}");
        Assert.Equal(CompressedGrainStorageSerializer.Marker, rosterBlob[0]);
        Assert.True(rosterBlob.Length * 2 < plainRoster.Length, $"{rosterBlob.Length} bytes stored for {plainRoster.Length}");
        Assert.Equal(serializer.SerializeToArray(small), smallRow);
        Assert.Equal(plainSession, serializer.SerializeToArray((await ReadAsync<ClassSessionState>(classes, GrainId.Create("classsession", "compressed"))).State));
    }

    private static async Task<(ClassSessionState Session, RosterAndChatState RosterAndChat, ClassLogSegmentState Segment)> LargestClassAsync()
    {
        var limits = new ClassLimits();
        var stored = new StoredClass(limits, TimeProvider.System);
        var (store, session) = await stored.CreateAsync();
        session.Start(ClassHarness.InstructorId);
        var parents = Enumerable.Range(1, limits.MaxParents)
            .Select(i => (Id: $"parent-{i}", Name: ("Family " + i + " ").PadRight(limits.DisplayNameMaxLength, 'é')[..limits.DisplayNameMaxLength]))
            .ToList();
        foreach (var (id, name) in parents)
        {
            session.AdmitParent(id, name);
        }

        for (var i = 0; i < 1000; i++)
        {
            var text = $"message {i} ".PadRight(limits.ChatMaxLength, 'ü')[..limits.ChatMaxLength];
            session.PostChat(parents[i % parents.Count].Id, $"m{i}".PadRight(limits.ClientMessageIdMaxLength, 'x'), text);
        }

        // One write as the grain makes it: all but the newest events sealed into segments, the state
        // with every receipt since roster and chat were last stored, then roster and chat themselves.
        await store.WriteAsync();
        var state = stored.Main.Read()!;
        await store.TidyAsync();
        var rosterAndChat = stored.RosterAndChat.Read() ?? throw new InvalidOperationException("nothing stored");
        var lastSegment = stored.Segments.MaxBy(s => s.Key).Value.Read() ?? throw new InvalidOperationException("no segment sealed");
        Assert.Equal(limits.MaxParents + 1, rosterAndChat.Roster.Count);
        Assert.NotEmpty(state.Log);
        return (state, rosterAndChat, lastSegment);
    }

    private static async Task AssertRoundTripsAsync<T>(IGrainStorage storage, string stateName, GrainId grain, T state, Serializer serializer)
    {
        await storage.WriteStateAsync(stateName, grain, new GrainState<T>(state));
        var read = await ReadAsync<T>(storage, grain, stateName);
        Assert.True(read.RecordExists);
        Assert.Equal(serializer.SerializeToArray(state), serializer.SerializeToArray(read.State));
    }

    private static async Task<TimeSpan> MedianWriteAsync(IGrainStorage storage, GrainId grain, object state)
    {
        var grainState = new GrainState<object>(state);
        var times = new List<TimeSpan>();
        for (var i = 0; i < 15; i++)
        {
            var clock = Stopwatch.StartNew();
            await storage.WriteStateAsync("measure", grain, grainState);
            times.Add(clock.Elapsed);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static async Task<GrainState<T>> ReadAsync<T>(IGrainStorage storage, GrainId grain, string stateName = "session")
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    /// <summary>The journal's rows in the state table: a chunk's row key is "chunk-" and its number.</summary>
    private List<TableEntity> ChunkRows(string table) => new TableServiceClient(azurite.ConnectionString).GetTableClient(table)
        .Query<TableEntity>(row => row.RowKey.CompareTo("chunk-") > 0 && row.RowKey.CompareTo("chunk.") < 0).ToList();

    private static (string Table, string Container) FreshNames()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return ("State" + id, "rosters-" + id);
    }

    private Task<LiveClassServer> StartServerAsync(string table, string container, params string[] settings) => LiveClassServer.StartAsync(
        [
            "Cluster:Storage=AzureStorage",
            $"Cluster:AzureStorage:ConnectionString={azurite.ConnectionString}",
            $"Cluster:AzureStorage:StateTable={table}",
            $"Cluster:AzureStorage:StateContainer={container}",
            .. settings,
        ]);
}
