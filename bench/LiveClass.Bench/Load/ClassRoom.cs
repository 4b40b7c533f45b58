using System.Net.Http.Json;
using System.Text.Json;
using LiveClass.Bench.Measuring;
using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;

namespace LiveClass.Bench.Load;

/// <summary>One class under load: its ids, its people, and the highest seq anyone has seen or been given.</summary>
public sealed class ClassRoom(int index, string url)
{
    private static readonly JsonSerializerOptions Json = CreateJson();
    private static readonly (string Kind, int? Count, string? Text)[] Cues =
    [
        ("Slow", null, null), ("Repeat", 3, null), ("Pause", null, null), ("AskPermission", null, null),
        ("WatchCues", null, null), ("Break", null, null), ("Resume", null, null),
        ("Custom", null, "Nice and slow now, keep one hand on baby and watch for cues"),
    ];

    private long _maxSeen;
    private long _maxReturned;
    private int _actions;
    private int _step;

    public string ClassId { get; private set; } = "";
    public int Index => index;
    public string Url => url;
    public string JoinCode { get; private set; } = "";
    public string InstructorKey { get; private set; } = "";
    public int StepCount { get; set; } = 1;

    /// <summary>Scenario 6: one more family of this class has a client that stopped reading.</summary>
    public bool HasStuckMember { get; set; }

    public Participant? Instructor { get; set; }
    public List<Participant> Parents { get; } = [];

    public IEnumerable<Participant> Everyone => Instructor is null ? Parents : Parents.Prepend(Instructor);

    /// <summary>The class's last seq as far as the bench can tell: the highest seen on any connection or returned by any call.</summary>
    public long FinalSeq => Math.Max(Interlocked.Read(ref _maxSeen), Interlocked.Read(ref _maxReturned));

    public async Task CreateAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"{Url.TrimEnd('/')}/api/classes",
            new CreateClassRequest($"Bench class {Index + 1}", $"Instructor {Index + 1}", null), Json, cancellationToken);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreateClassResponse>(Json, cancellationToken)
            ?? throw new InvalidOperationException("POST /api/classes returned no body");
        ClassId = created.ClassId;
        JoinCode = created.JoinCode;
        InstructorKey = created.InstructorKey;
    }

    public void ObserveSeen(long seq) => Atomic.Max(ref _maxSeen, seq);

    public void ObserveReturned(long seq) => Atomic.Max(ref _maxReturned, seq);

    /// <summary>The instructor's next action: step changes and cues twice as often as tempo changes.</summary>
    public (string Method, object?[] Args) NextInstructorAction(Random random)
    {
        var n = Interlocked.Increment(ref _actions);
        switch (n % 5)
        {
            case 0:
            case 3:
                var step = Interlocked.Increment(ref _step) % Math.Max(1, StepCount);
                return (nameof(IClassHub.GoToStep), [step]);
            case 1:
            case 4:
                var cue = Cues[random.Next(Cues.Length)];
                return (nameof(IClassHub.SendCue), [cue.Kind, cue.Count, cue.Text]);
            default:
                return (nameof(IClassHub.SetTempo), [random.Next(10, 61)]);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        WireFormats.ConfigureJson(options);
        return options;
    }
}
