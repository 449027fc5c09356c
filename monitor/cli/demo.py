"""`vigil demo`: the main job, offline, on the bundled defaults."""

from __future__ import annotations

import click

from monitor.cli.common import pass_vigil


@click.command("demo")
@click.option("--once", is_flag=True,
              help="One full cycle (poll, new articles, poll, mail), a summary, then exit.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port for the demo's Datasette (a free one if this is taken).")
@pass_vigil
def demo_command(vigil, once: bool, port: int) -> None:
    """Run Vigil against a local mirror of the sources; mail goes to $VIGIL_HOME/demo/mail."""
    from monitor.demo.run import Demo

    demo = Demo(vigil.config.home / "demo", port, say=click.echo)
    try:
        if once:
            figures = demo.once()
            from monitor.demo.summary import render

            click.echo("Vigil demo, one cycle done:")
            click.echo(render(figures))
            click.echo(f"Mail folder: {demo.home / 'mail'}")
        else:
            demo.live()
    except KeyboardInterrupt:
        click.echo("\nstopping the demo ...")
    finally:
        demo.close()


COMMANDS = [demo_command]
