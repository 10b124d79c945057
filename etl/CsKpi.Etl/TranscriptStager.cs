using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CsKpi.Etl;

/// <summary>
/// Turns a transcript copied from 千牛's chat window (<c>.txt</c>, already UTF-8) into a contract chats CSV, one line at
/// a time, so the loader stages it like any chats file: same rules, same deduplication (docs/imports.md,
/// *Transcripts*). A message starts with a header line <c>昵称 2026-3-8 9:05:01</c> (the space may be missing) and
/// its text follows on the next lines; the seller side is written <c>店铺名:子账号</c>, the buyer a plain nick.
/// Status lines, recalls and system lines are not messages; a transfer (<c>A --> B 时间</c>) is a hand-over: the
/// buyer's later messages are the new agent's, as a contract file writes them.
/// </summary>
public static partial class TranscriptStager
{
    /// <summary>The staged column holding each message's header line in the transcript: the line its rejects name.</summary>
    public const string LineColumn = "cskpi_transcript_line";

    /// <summary>
    /// Messages held back while the conversation's buyer or agent is not yet known (a transcript opens with the
    /// buyer's question before any agent wrote). Past this many they are written as they are, without the missing
    /// account, and rejected for it: memory stays bounded whatever the file.
    /// </summary>
    private const int MaxPending = 10_000;

    [GeneratedRegex(@"^(?<nick>\S.*?)\s?(?<at>\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2})$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^(?<from>\S.*?)\s*-->\s*(?<to>\S.*?)(?:\s*\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2})?$")]
    private static partial Regex Transfer();

    [GeneratedRegex(@"^由\s*.+?\s*转交给\s*(?<to>\S.*?)\s*$")]
    private static partial Regex AssistantHandOver();

    private static readonly string[] StatusLines = ["已读", "未读", "发送中"];

    private sealed class Message(long line, string? store, string? buyer, string? agent, string sender, string sentAt)
    {
        public long Line { get; } = line;
        public string? Store { get; set; } = store;
        public string? Buyer { get; set; } = buyer;
        public string? Agent { get; set; } = agent;
        public string Sender { get; } = sender;
        public string SentAt { get; } = sentAt;
        public List<string> Text { get; } = [];
    }

    /// <summary>Reads the UTF-8 transcript at <paramref name="utf8Path"/> and writes the contract chats CSV to <paramref name="target"/>.</summary>
    /// <param name="store">
    /// The store the user filed the transcript under (its inbox sub-folder, else <c>--store</c>): every message's store.
    /// A seller nick's prefix is the shop's main account (<c>朵朵云:小A</c>), often not the store's name
    /// (<c>朵朵云旗舰店</c>), so it names the store only when the user named none.
    /// </param>
    /// <returns>The number of messages written.</returns>
    public static long Write(string utf8Path, Stream target, string? store = null)
    {
        using var reader = new StreamReader(utf8Path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: FilePreparer.BufferSize);
        using var writer = new StreamWriter(target, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine($"{LineColumn},store_id,buyer_id,agent_id,sender,sent_at,content");

        var state = new Conversation(writer, store);
        Message? current = null;
        long number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (NotAMessage(trimmed, state))
            {
                continue;
            }

            if (Header().Match(trimmed) is { Success: true } header)
            {
                if (current is not null)
                {
                    state.Add(current);
                }

                current = state.Start(number, header.Groups["nick"].Value.Trim(), header.Groups["at"].Value);
            }
            else
            {
                // Text before the first header (a title, a date divider) belongs to no message.
                current?.Text.Add(line);
            }
        }

        if (current is not null)
        {
            state.Add(current);
        }

        state.Finish();
        return state.Written;
    }

    /// <summary>Status, recall, transfer and system lines; a transfer or an assistant's hand-over changes the agent.</summary>
    private static bool NotAMessage(string line, Conversation state)
    {
        if (StatusLines.Contains(line) || line.EndsWith("撤回了一条消息", StringComparison.Ordinal) || line.StartsWith("当前用户来自", StringComparison.Ordinal))
        {
            return true;
        }

        if (Transfer().Match(line) is { Success: true } transfer)
        {
            state.HandOver(transfer.Groups["to"].Value);
            return true;
        }

        if (AssistantHandOver().Match(line) is { Success: true } handOver)
        {
            // 由 服务助手 转交给 店铺:小B: the robot passes the buyer to a person; only a seller nick names an agent.
            if (handOver.Groups["to"].Value.Contains(':', StringComparison.Ordinal))
            {
                state.HandOver(handOver.Groups["to"].Value);
            }

            return true;
        }

        return false;
    }

    /// <summary>Who the conversation is with now: its store, buyer and agent, and the messages waiting for them.</summary>
    private sealed class Conversation(StreamWriter writer, string? filedUnder)
    {
        private readonly Queue<Message> pending = new();
        private readonly string? filed = filedUnder;
        private string? store = filedUnder;
        private string? buyer;
        private string? agent;

        public long Written { get; private set; }

        public Message Start(long line, string nick, string at)
        {
            var sentAt = DateTime.TryParseExact(at, "yyyy-M-d H:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                // Not a real time (2026-2-30): written as it is, so the load rejects it at its line, saying why.
                : at;
            if (StoreOf(nick) is { } seller)
            {
                store = filed ?? seller;
                agent = nick;
                return new Message(line, store, buyer, nick, "agent", sentAt);
            }

            buyer = nick;
            return new Message(line, store, nick, agent, "buyer", sentAt);
        }

        public void HandOver(string to)
        {
            var nick = to.Trim();
            agent = nick;
            store = filed ?? StoreOf(nick) ?? store;
        }

        public void Add(Message message)
        {
            pending.Enqueue(message);
            Flush(force: pending.Count > MaxPending);
        }

        public void Finish() => Flush(force: true);

        private void Flush(bool force)
        {
            while (pending.TryPeek(out var message))
            {
                message.Store ??= store;
                message.Buyer ??= buyer;
                message.Agent ??= agent;
                if (!force && (message.Buyer is null || message.Agent is null))
                {
                    return;
                }

                pending.Dequeue();
                WriteRow(message);
            }
        }

        private void WriteRow(Message message)
        {
            // Blank lines between messages are not part of the one before.
            var last = message.Text.FindLastIndex(t => t.Length > 0);
            var content = string.Join('\n', message.Text.Take(last + 1));
            writer.Write(message.Line.ToString(CultureInfo.InvariantCulture));
            foreach (var value in (string?[])[message.Store, message.Buyer, message.Agent, message.Sender, message.SentAt, content])
            {
                writer.Write(',');
                writer.Write(Quoted(value));
            }

            writer.WriteLine();
            Written++;
        }
    }

    /// <summary>The store of a seller nick (<c>店铺名:子账号</c>), or null for a buyer's plain nick.</summary>
    private static string? StoreOf(string nick)
    {
        var colon = nick.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? nick[..colon] : null;
    }

    private static string Quoted(string? value) => value is null ? "" : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
