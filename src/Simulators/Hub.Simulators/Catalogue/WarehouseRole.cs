namespace Hub.Simulators.Catalogue;

public enum WarehouseRole
{
    Donor,
    Recipient,
}
