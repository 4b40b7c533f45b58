using LiveClass.Contracts;
namespace LiveClass.Tests.Fuzz;

/// <summary>A hub call made to fail: its method name and arguments, as sent.</summary>
public sealed record FuzzCall(string Method, object?[] Args)
{
    public override string ToString() =>
        $"{Method}({string.Join(", ", Args.Select(a => a switch
        {
            null => "null",
            string s => s.Length > 40 ? $"\"{Escape(s[..40])}…\" ({s.Length} chars)" : $"\"{Escape(s)}\"",
            _ => a.ToString(),
        }))})";

    private static string Escape(string s) =>
        string.Concat(s.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}

/// <summary>
/// Generates hub calls that no rule of the protocol lets succeed, from one seed: wrong types,
/// missing and extra arguments, huge and invalid strings, unknown methods, out-of-range numbers,
/// and calls in the wrong order (a parent's instructor calls, a stranger's class calls).
/// </summary>
public sealed class FuzzCalls(Random random, string joinCode, string classId, string instructorName, string realToken)
{
    private static readonly string[] InstructorMethods =
        [nameof(IClassHub.StartClass), nameof(IClassHub.PauseClass), nameof(IClassHub.ResumeClass), nameof(IClassHub.EndClass), nameof(IClassHub.GoToStep), nameof(IClassHub.SendCue), nameof(IClassHub.SetTempo), nameof(IClassHub.RemoveParticipant), nameof(IClassHub.DeleteChat)];

    private static readonly string[] AllMethods =
        [.. InstructorMethods, nameof(IClassHub.JoinAsInstructor), nameof(IClassHub.JoinAsParent), nameof(IClassHub.Rejoin), nameof(IClassHub.SendChat), nameof(IClassHub.CheckIn), nameof(IClassHub.Leave), nameof(IClassHub.Ping)];

    private static readonly string[] UnknownMethods =
        ["Hack", "joinasparent", "JOINASPARENT", "OnConnectedAsync", "OnDisconnectedAsync", "Dispose", "Context", "Groups",
         "Clients", "ToString", "GetType", "Bind", "JoinClass", "Unbind", "AsInstructor", "Session", new string('M', 300), "Ping ", "Join As Parent"];

    /// <summary>A call that must fail. <paramref name="joined"/>: the caller acts for a parent of the class (so <c>Leave</c> would succeed and is never made).</summary>
    public FuzzCall Next(bool joined)
    {
        switch (random.Next(12))
        {
            case 0:
                // A parent's (or stranger's) instructor call, with any arguments.
                return new FuzzCall(Pick(InstructorMethods), Values(random.Next(4)));
            case 1:
                return BadCheckIn();
            case 2:
                return BadChat();
            case 3:
                return new FuzzCall(nameof(IClassHub.JoinAsParent), [random.Next(3) == 0 ? AnyValue() : Pick([joinCode, joinCode.ToLowerInvariant(), "ZZZ-ZZZ", ""]), BadName()]);
            case 4:
                return new FuzzCall(nameof(IClassHub.JoinAsInstructor), [Pick<object?>([classId, Guid.NewGuid().ToString("N"), "../../etc", AnyValue()]), Pick<object?>(["wrong-key", "", null, AnyValue(), new string('k', 5000)])]);
            case 5:
                return new FuzzCall(nameof(IClassHub.Rejoin), [BadToken(), Pick<object?>([0L, -1L, long.MaxValue, long.MinValue, 3, "7", null, 1.5])]);
            case 6:
                return new FuzzCall(Pick(UnknownMethods), Values(random.Next(4)));
            case 7:
                return WrongArgumentCount(joined);
            case 8:
                // The right method with arguments of the wrong types.
                return new FuzzCall(Pick(AllMethods.Where(m => m != nameof(IClassHub.Leave) && m != nameof(IClassHub.Ping)).ToArray()), WrongTypes(random.Next(1, 4)));
            case 9:
                return new FuzzCall(nameof(IClassHub.Ping), [Pick<object?>(["now", null, true, new object[] { 1 }, new Dictionary<string, object?> { ["a"] = 1 }])]);
            case 10 when !joined:
                // In the wrong order: class calls before any join.
                return Pick([new FuzzCall(nameof(IClassHub.Leave), []), new FuzzCall(nameof(IClassHub.CheckIn), ["Ready", null]), new FuzzCall(nameof(IClassHub.SendChat), ["c", "hello"]), new FuzzCall(nameof(IClassHub.GoToStep), [1])]);
            default:
                return BadChat();
        }
    }

    private FuzzCall BadCheckIn()
    {
        if (random.Next(2) == 0)
        {
            object? status = Pick<object?>(["ready", "READY", "Ready ", " Ready", "Ready,Done", "0", "7", "-1", "Bored", "", null, 3, true, HugeString(), "Re\u200Bady"]);
            return new FuzzCall(nameof(IClassHub.CheckIn), [status, Pick<object?>([null, 0, 2, -1])]);
        }

        object? step = Pick<object?>([-1, 10_000, int.MaxValue, int.MinValue, "2", true, new object[] { 2 }, long.MaxValue]);
        return new FuzzCall(nameof(IClassHub.CheckIn), [Pick(["Ready", "Following", "NeedHelp"]), step]);
    }

    private FuzzCall BadChat()
    {
        if (random.Next(2) == 0)
        {
            object? id = Pick<object?>(["", null, new string('c', 65), new string('c', 5000), 42, true, new object[] { "c" }]);
            return new FuzzCall(nameof(IClassHub.SendChat), [id, Pick<object?>(["hello", BadText()])]);
        }

        return new FuzzCall(nameof(IClassHub.SendChat), [$"fuzz-{random.Next()}", BadText()]);
    }

    /// <summary>Text no rule accepts: empty, invisible, too long, with controls, separators, bidi overrides, broken surrogates or piles of marks.</summary>
    private string BadText() => random.Next(10) switch
    {
        0 => "",
        1 => "   \t  ",
        2 => "\u200B\u200B\u2060",
        3 => new string('x', 501 + random.Next(2000)),
        4 => "evil\u202Etxt.exe",
        5 => "a\u0000b",
        6 => "line\u2028break",
        // (A lone surrogate may arrive as U+FFFD, a valid character: the override keeps the text invalid.)
        7 => "broken " + (char)0xD800 + "\u202E",
        // NFC may fold one mark into the letter: six or more leave at least five on it.
        8 => "Z" + new string('\u0301', 6 + random.Next(50)),
        _ => HugeString(),
    };

    private string BadName() => random.Next(7) switch
    {
        0 => instructorName,
        1 => instructorName.ToUpperInvariant(),
        2 => new string('n', 41 + random.Next(100)),
        _ => BadText(),
    };

    private object? BadToken()
    {
        var tampered = realToken[..^1] + (realToken[^1] == 'A' ? 'B' : 'A');
        return Pick<object?>([tampered, "", null, "not.a.token", realToken + "x", realToken.ToUpperInvariant(), 12, HugeString(), $"{classId}.nobody.secret"]);
    }

    private FuzzCall WrongArgumentCount(bool joined)
    {
        return random.Next(6) switch
        {
            0 => new FuzzCall(nameof(IClassHub.GoToStep), []),
            1 => new FuzzCall(nameof(IClassHub.CheckIn), ["Ready"]),
            2 => new FuzzCall(nameof(IClassHub.SendChat), ["c1", "hello", "extra"]),
            3 => new FuzzCall(nameof(IClassHub.Ping), []),
            4 => new FuzzCall(nameof(IClassHub.JoinAsParent), [joinCode]),
            _ => new FuzzCall(joined ? nameof(IClassHub.CheckIn) : nameof(IClassHub.Leave), Values(5 + random.Next(5))),
        };
    }

    private object?[] WrongTypes(int count)
    {
        var args = new object?[count];
        for (var i = 0; i < count; i++)
        {
            args[i] = Pick<object?>([new object[] { 1, "two" }, new Dictionary<string, object?> { ["x"] = "y" }, true, 3.75, long.MaxValue, 1e308]);
        }

        return args;
    }

    private object?[] Values(int count)
    {
        var args = new object?[count];
        for (var i = 0; i < count; i++)
        {
            args[i] = AnyValue();
        }

        return args;
    }

    private object? AnyValue() => random.Next(12) switch
    {
        0 => null,
        1 => random.Next(),
        2 => -random.Next(),
        3 => long.MinValue,
        4 => random.NextDouble() * 1e12,
        5 => random.Next(2) == 0,
        6 => BadText(),
        7 => Guid.NewGuid().ToString(),
        8 => new object?[] { null, 1, "x" },
        9 => new Dictionary<string, object?> { ["kind"] = "Custom", ["text"] = "hi" },
        10 => int.MaxValue,
        _ => "",
    };

    /// <summary>Mostly under the hub's 32 KiB message limit; sometimes over it, which closes the connection.</summary>
    private string HugeString() => new('h', random.Next(4) == 0 ? 40_000 : 3_000 + random.Next(20_000));

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];
}
