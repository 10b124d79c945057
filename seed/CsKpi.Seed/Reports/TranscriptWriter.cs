using System.Globalization;
using System.Text;
using CsKpi.Seed.People;

namespace CsKpi.Seed.Reports;

/// <summary>
/// A store-month's chats as text copied from 千牛's chat window (docs/imports.md, "Transcripts"): each message a header
/// line <c>昵称 2026-3-9 9:58:02</c> (every seventh without the space) and its text, the seller side as
/// <c>店铺名:子账号</c> (the agent id), the buyer as a plain nick, CRLF, UTF-8 with a BOM (as Notepad saves it). A
/// conversation opens with the system line <c>当前用户来自 手机淘宝</c> and the robot's hand-over
/// <c>由 服务助手 转交给 …</c>, which is how the copy says who serves the buyer; a buyer passed on mid-conversation gets
/// the transfer line <c>A --> B 时间</c>. Some agent messages are followed by <c>已读</c>. The copy does not mark
/// automatic replies (they read as the agent's) nor show platform cards (not written); a picture is a message without
/// text.
/// </summary>
internal sealed class TranscriptWriter : IDisposable
{
    private readonly StreamWriter _out;
    private string? _buyer;
    private Agent? _agent;
    private long _count;

    public TranscriptWriter(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _out = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16) { NewLine = "\r\n" };
    }

    /// <summary>Messages written (platform cards are not: the copy does not show them).</summary>
    public long Messages { get; private set; }

    /// <summary>Writes one message; <paramref name="transferred"/> when the buyer was just passed from another agent.</summary>
    public void Message(string buyer, Agent agent, string sender, DateTime at, string? content, Agent? transferredFrom)
    {
        if (sender == "system")
        {
            return;
        }

        if (transferredFrom is not null && _agent == transferredFrom && _buyer == buyer)
        {
            _out.WriteLine($"{transferredFrom.AgentId} --> {agent.AgentId} {Time(at)}");
        }
        else if (_agent != agent || (_buyer != buyer && sender == "buyer"))
        {
            _out.WriteLine("当前用户来自 手机淘宝");
            _out.WriteLine($"由 服务助手 转交给 {agent.AgentId}");
        }

        _agent = agent;
        if (sender == "buyer")
        {
            _buyer = buyer;
        }

        var nick = sender == "buyer" ? buyer : agent.AgentId;
        _out.WriteLine(++_count % 7 == 0 ? nick + Time(at) : $"{nick} {Time(at)}");
        if (content is not null)
        {
            _out.WriteLine(content);
        }

        if (sender != "buyer" && _count % 5 == 0)
        {
            _out.WriteLine("已读");
        }

        Messages++;
    }

    private static string Time(DateTime at) => at.ToString("yyyy-M-d H:mm:ss", CultureInfo.InvariantCulture);

    public void Dispose() => _out.Dispose();
}
