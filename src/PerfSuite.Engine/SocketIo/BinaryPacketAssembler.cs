namespace PerfSuite.Engine.SocketIo;

/// <summary>Collects the binary frames that follow a BINARY_EVENT or BINARY_ACK before the packet is dispatched.</summary>
internal sealed class BinaryPacketAssembler
{
    private SocketIoPacket? _packet;
    private List<byte[]> _attachments = [];

    /// <summary>True while attachments of a started packet are still expected.</summary>
    public bool IsCollecting => _packet is not null;

    /// <summary>Starts collecting for <paramref name="packet"/>; returns the finished packet at once when it announces no attachments.</summary>
    /// <exception cref="SocketIoException">A previous binary packet is still incomplete.</exception>
    public (SocketIoPacket Packet, IReadOnlyList<byte[]> Attachments)? Start(SocketIoPacket packet)
    {
        if (_packet is not null)
        {
            throw new SocketIoException(
                $"Protocol error: a new binary packet arrived while {_packet.AttachmentCount - _attachments.Count} attachment(s) were still expected.");
        }

        _packet = packet;
        _attachments = new List<byte[]>(packet.AttachmentCount);
        return packet.AttachmentCount == 0 ? Finish() : null;
    }

    /// <summary>Adds one attachment; returns the packet with all attachments once the last one arrived.</summary>
    /// <exception cref="SocketIoException">No binary packet announced this attachment.</exception>
    public (SocketIoPacket Packet, IReadOnlyList<byte[]> Attachments)? Add(byte[] attachment)
    {
        if (_packet is null)
        {
            throw new SocketIoException("Protocol error: a binary frame arrived that no BINARY_EVENT or BINARY_ACK announced.");
        }

        _attachments.Add(attachment);
        return _attachments.Count == _packet.AttachmentCount ? Finish() : null;
    }

    private (SocketIoPacket Packet, IReadOnlyList<byte[]> Attachments) Finish()
    {
        var result = (_packet!, (IReadOnlyList<byte[]>)_attachments);
        _packet = null;
        _attachments = [];
        return result;
    }
}
