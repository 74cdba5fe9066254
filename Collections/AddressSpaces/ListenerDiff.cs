namespace RcuCollections.AddressSpaces;

/// <summary>
/// QEMU's <c>address_space_update_topology_pass</c>: two merge-walks over the old and new ranges in increasing address
/// order. Pass 1 deletes every old range that is not identical in the new view (listeners in descending priority);
/// pass 2 sends a no-op for every identical range and an add for every new one (ascending priority).
/// </summary>
internal static class ListenerDiff
{
    public static void Notify(List<ListenerRegistration> listeners, FlatRange[] oldRanges, FlatRange[] newRanges, ListenerNotifier notifier)
    {
        Walk(listeners, oldRanges, newRanges, notifier, adding: false);
        Walk(listeners, oldRanges, newRanges, notifier, adding: true);
    }

    private static void Walk(List<ListenerRegistration> listeners, FlatRange[] oldRanges, FlatRange[] newRanges, ListenerNotifier notifier, bool adding)
    {
        int oldIndex = 0;
        int newIndex = 0;
        while (oldIndex < oldRanges.Length || newIndex < newRanges.Length)
        {
            bool hasOld = oldIndex < oldRanges.Length;
            bool hasNew = newIndex < newRanges.Length;
            if (hasOld && (!hasNew
                || oldRanges[oldIndex].Start < newRanges[newIndex].Start
                || (oldRanges[oldIndex].Start == newRanges[newIndex].Start && oldRanges[oldIndex] != newRanges[newIndex])))
            {
                // In old but not in new, or at the same start with any field changed.
                if (!adding)
                {
                    for (int i = listeners.Count - 1; i >= 0; i--)
                    {
                        notifier.Invoke(listeners[i].Listener, oldRanges[oldIndex], static (l, r) => l.RegionDel(r));
                    }
                }

                oldIndex++;
            }
            else if (hasOld && hasNew && oldRanges[oldIndex] == newRanges[newIndex])
            {
                if (adding)
                {
                    foreach (ListenerRegistration registration in listeners)
                    {
                        notifier.Invoke(registration.Listener, newRanges[newIndex], static (l, r) => l.RegionNop(r));
                    }
                }

                oldIndex++;
                newIndex++;
            }
            else
            {
                if (adding)
                {
                    foreach (ListenerRegistration registration in listeners)
                    {
                        notifier.Invoke(registration.Listener, newRanges[newIndex], static (l, r) => l.RegionAdd(r));
                    }
                }

                newIndex++;
            }
        }
    }
}
