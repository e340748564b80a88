using Hub.Simulators.Catalogue;

namespace Hub.Simulators.State;

public sealed class SimulatorState(SimCatalogue catalogue)
{
    private readonly Lock gate = new();
    private readonly List<CustomerOrderRecord> customerOrders = [];
    private readonly List<TransferOrderDocument> transferOrders = [];
    private int customerOrderSequence;
    private int transferOrderSequence;

    // The catalogue's reference data is fixed; its stock moves as orders are posted and received, and a reset puts it back.
    public SimCatalogue Catalogue { get; } = catalogue;

    public RequestCounters Requests { get; } = new();

    public IReadOnlyList<CustomerOrderRecord> CustomerOrders
    {
        get { lock (gate) return customerOrders.ToArray(); }
    }

    public IReadOnlyList<TransferOrderDocument> TransferOrders
    {
        get { lock (gate) return transferOrders.ToArray(); }
    }

    public void Reset()
    {
        lock (gate)
        {
            customerOrders.Clear();
            transferOrders.Clear();
            customerOrderSequence = 0;
            transferOrderSequence = 0;
        }

        Catalogue.ResetStock();

        Requests.Reset();
    }

    public CustomerOrderRecord? FindCustomerOrder(Guid id)
    {
        lock (gate) return customerOrders.FirstOrDefault(o => o.Id == id);
    }

    public TransferOrderDocument? FindTransferOrder(Guid refKey)
    {
        lock (gate) return transferOrders.FirstOrDefault(d => d.RefKey == refKey);
    }

    // Lookup and insert under one lock: concurrent retries with one syncId must still yield one order.
    internal (CustomerOrderRecord Order, bool Created) AddOrGetCustomerOrder(
        Guid? syncId,
        string? requestedName,
        Func<string, CustomerOrderRecord> create)
    {
        lock (gate)
        {
            if (syncId is not null)
            {
                var index = customerOrders.FindIndex(o => o.SyncId == syncId);
                if (index >= 0)
                {
                    var existing = customerOrders[index] with { ReceivedCount = customerOrders[index].ReceivedCount + 1 };
                    customerOrders[index] = existing;
                    return (existing, false);
                }
            }

            customerOrderSequence++;
            var order = create(string.IsNullOrWhiteSpace(requestedName) ? customerOrderSequence.ToString("D5") : requestedName);
            customerOrders.Add(order);
            return (order, true);
        }
    }

    /// <summary>The seller ships a share of every position (rounded down to whole units, never beyond what was ordered); null for an unknown order.</summary>
    public CustomerOrderRecord? ShipCustomerOrder(Guid id, decimal share)
    {
        lock (gate)
        {
            var index = customerOrders.FindIndex(o => o.Id == id);
            if (index < 0) return null;
            var order = customerOrders[index];
            var positions = order.Positions
                .Select(p => p with { Shipped = Math.Min(p.Quantity, p.Shipped + Math.Floor(p.Quantity * share)) })
                .ToArray();
            customerOrders[index] = order with { Positions = positions };
            return customerOrders[index];
        }
    }

    internal TransferOrderDocument AddTransferOrder(Func<string, TransferOrderDocument> create)
    {
        lock (gate)
        {
            transferOrderSequence++;
            var document = create($"СИ00-{transferOrderSequence:D6}");
            transferOrders.Add(document);
            return document;
        }
    }

    internal TransferOrderDocument? UpdateTransferOrder(Guid refKey, Func<TransferOrderDocument, TransferOrderDocument> update)
    {
        lock (gate)
        {
            var index = transferOrders.FindIndex(d => d.RefKey == refKey);
            if (index < 0) return null;
            var updated = update(transferOrders[index]);
            transferOrders[index] = updated;
            return updated;
        }
    }
}
