"""Vigil's domain side: prisoners, matching, analysis, alerts, the daemon and the CLI."""
