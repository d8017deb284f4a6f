"""ComfyUI: the `prompt` graph (API format) and the `workflow` graph (editor format).

Prompts, checkpoint, seed and size are found by following the graph: from the
output node back to the sampler that made the image, from the sampler's
positive and negative inputs back to the text encoders, from its model input
back to the checkpoint loader (through LoRA loaders and the like). No node
name is assumed beyond "a sampler has positive and negative inputs".
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ._foreign_record import json_object, make_record, size_text
from ._found import Found
from ._provenance import Provenance

APP = "comfyui"
_MAX_STEPS = 200  # a graph is small; a cycle or a hostile file must not loop for ever
_TEXT_INPUTS = ("text", "text_g", "text_l", "prompt", "string", "value", "positive_prompt")
_MODEL_NAMES = ("ckpt_name", "unet_name", "model_name", "checkpoint")
_SETTINGS = {
    "seed": ("seed", "noise_seed"),
    "steps": ("steps",),
    "cfg_scale": ("cfg",),
    "sampler": ("sampler_name",),
    "scheduler": ("scheduler",),
    "denoise": ("denoise",),
}


@dataclass
class Node:
    kind: str
    values: dict[str, Any] = field(default_factory=dict)  # literal inputs
    links: dict[str, tuple[str, int]] = field(default_factory=dict)  # input -> (node, output)


def read(found: Found) -> Provenance | None:
    prompt_text = found.text("prompt") or _exif_prefixed(found, "prompt:")
    workflow_text = found.text("workflow") or _exif_prefixed(found, "workflow:")
    prompt_graph = json_object(prompt_text)
    workflow = json_object(workflow_text)
    graph = _from_api(prompt_graph) if prompt_graph else None
    if not graph and workflow:
        graph = _from_workflow(workflow)
    if not graph:
        return None
    source: dict[str, Any] = {}
    if prompt_graph:
        source["prompt"] = prompt_graph
    if workflow:
        source["workflow"] = workflow
    return _record(graph, source, found.size_text())


def _exif_prefixed(found: Found, prefix: str) -> str | None:
    """ComfyUI's WebP and some JPEG savers write "prompt:{...}" into EXIF text tags."""
    for value in (*found.texts.values(), found.user_comment or ""):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return None


def _from_api(data: dict[str, Any]) -> dict[str, Node]:
    graph: dict[str, Node] = {}
    for node_id, node in data.items():
        if not isinstance(node, dict) or not isinstance(node.get("inputs"), dict):
            continue
        entry = Node(str(node.get("class_type", "")))
        for name, value in node["inputs"].items():
            if _is_link(value):
                entry.links[name] = (str(value[0]), int(value[1]))
            else:
                entry.values[name] = value
        graph[str(node_id)] = entry
    return graph


def _is_link(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str | int)
        and isinstance(value[1], int)
        and not isinstance(value[1], bool)
    )


def _from_workflow(data: dict[str, Any]) -> dict[str, Node]:
    """The editor format keeps widget values by position, not by name: texts and
    model names are recognised by what they look like."""
    nodes = data.get("nodes")
    links = data.get("links")
    if not isinstance(nodes, list) or not isinstance(links, list):
        return {}
    origin: dict[int, tuple[str, int]] = {}
    for link in links:
        if isinstance(link, list) and len(link) >= 3:
            origin[link[0]] = (str(link[1]), int(link[2]))
    graph: dict[str, Node] = {}
    for node in nodes:
        if not isinstance(node, dict) or node.get("mode") in (2, 4):  # muted, bypassed
            continue
        entry = Node(str(node.get("type", "")))
        for slot in node.get("inputs") or []:
            if isinstance(slot, dict) and slot.get("link") in origin:
                entry.links[str(slot.get("name"))] = origin[slot["link"]]
        _widget_values(entry, node.get("widgets_values"))
        graph[str(node.get("id"))] = entry
    return graph


def _widget_values(entry: Node, widgets: Any) -> None:
    if isinstance(widgets, dict):
        entry.values.update(widgets)
        return
    if not isinstance(widgets, list):
        return
    strings = [w for w in widgets if isinstance(w, str)]
    numbers = [w for w in widgets if isinstance(w, int | float) and not isinstance(w, bool)]
    models = [s for s in strings if s.lower().endswith((".safetensors", ".ckpt", ".pt", ".gguf"))]
    if models:
        entry.values["ckpt_name"] = models[0]
    elif strings and "positive" not in entry.links:
        entry.values["text"] = strings[0]
    if "positive" in entry.links and numbers:
        entry.values["seed"] = numbers[0]
    elif "Latent" in entry.kind and len(numbers) >= 2:
        entry.values["width"], entry.values["height"] = numbers[0], numbers[1]


def _record(graph: dict[str, Node], source: dict[str, Any], size: str | None) -> Provenance | None:
    sampler_id = _final_sampler(graph, size)
    if sampler_id is None:
        return None
    sampler = graph[sampler_id]
    positive = _texts(graph, sampler.links.get("positive"))
    negative = _texts(graph, sampler.links.get("negative"))
    settings: dict[str, Any] = {}
    for key, names in _SETTINGS.items():
        settings[key] = next(
            (v for n in names if (v := _value(graph, sampler, n)) is not None), None
        )
    settings["size"] = _size(graph, sampler.links.get("latent_image"))
    settings["loras"] = _loras(graph, sampler.links.get("model")) or None
    return make_record(
        APP,
        prompt="\n".join(positive),
        negative_prompt="\n".join(negative),
        model=_checkpoint(graph, sampler.links.get("model")),
        settings=settings,
        source=source,
    )


def _final_sampler(graph: dict[str, Node], size: str | None) -> str | None:
    """The sampler that made this image. A graph may save several images (a first pass
    and an upscaled second one), each file carrying the whole graph: the sampler whose
    latent has the file's pixel size is the one; else the last pass (the sampler with
    the most samplers upstream of it)."""
    samplers = [i for i, n in graph.items() if "positive" in n.links and "negative" in n.links]
    if not samplers:
        return None
    outputs = [i for i, n in graph.items() if "images" in n.links]
    candidates = [s for o in outputs if (s := _upstream(graph, o, samplers.__contains__))]
    candidates = candidates or samplers
    matching = [
        c for c in candidates if size and _size(graph, graph[c].links.get("latent_image")) == size
    ]
    if matching:
        return matching[0]

    def depth(sampler: str) -> tuple[int, tuple[int, str]]:
        upstream = _all_upstream(graph, sampler)
        return sum(1 for s in samplers if s in upstream), _numeric_id(sampler)

    return max(candidates, key=depth)


def _all_upstream(graph: dict[str, Node], start: str) -> set[str]:
    seen: set[str] = set()
    pending = [start]
    while pending and len(seen) < _MAX_STEPS:
        node = graph.get(pending.pop())
        for source, _ in node.links.values() if node else ():
            if source not in seen:
                seen.add(source)
                pending.append(source)
    return seen


def _numeric_id(node_id: str) -> tuple[int, str]:
    return (int(node_id), "") if node_id.isdigit() else (0, node_id)


def _upstream(graph: dict[str, Node], start: str, wanted: Any) -> str | None:
    """Breadth first from `start` against the links: the nearest node `wanted` accepts."""
    queue, seen = deque([start]), {start}
    while queue and len(seen) < _MAX_STEPS:
        node = graph.get(queue.popleft())
        if node is None:
            continue
        for source, _ in node.links.values():
            if source in seen:
                continue
            if wanted(source):
                return source
            seen.add(source)
            queue.append(source)
    return None


def _texts(graph: dict[str, Node], link: tuple[str, int] | None) -> list[str]:
    """Every prompt text that feeds a conditioning input, in graph order."""
    found: list[str] = []
    pending = [link] if link else []
    seen: set[tuple[str, int]] = set()
    while pending and len(seen) < _MAX_STEPS:
        current = pending.pop(0)
        if current in seen or current[0] not in graph:
            continue
        seen.add(current)
        node = graph[current[0]]
        text = _node_text(graph, node)
        if text is not None:
            if text not in found:
                found.append(text)
            continue
        # A node with its own positive/negative pair (ControlNet apply, ...) passes the
        # one matching the output we came from: 0 positive, 1 negative.
        if "positive" in node.links and "negative" in node.links:
            pending.append(node.links["negative" if current[1] == 1 else "positive"])
            continue
        pending += [
            target
            for name, target in node.links.items()
            if "cond" in name.lower() or name == "positive"
        ]
    return found


def _node_text(graph: dict[str, Node], node: Node) -> str | None:
    parts: list[str] = []
    for name in _TEXT_INPUTS:
        value = node.values.get(name)
        if value is None and name in node.links:
            value = _literal(graph, node.links[name])
        if isinstance(value, str) and value.strip() and value not in parts:
            parts.append(value.strip())
    return "\n".join(parts) if parts else None


def _literal(graph: dict[str, Node], link: tuple[str, int], depth: int = 0) -> Any:
    """A value fed by a primitive, string or seed node (followed a few links deep)."""
    node = graph.get(link[0])
    if node is None or depth > 8:
        return None
    for value in node.values.values():
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return value
    return next((_literal(graph, t, depth + 1) for t in node.links.values()), None)


def _value(graph: dict[str, Node], node: Node, name: str) -> Any:
    if name in node.values:
        return node.values[name]
    if name in node.links:
        return _literal(graph, node.links[name])
    return None


def _checkpoint(graph: dict[str, Node], link: tuple[str, int] | None) -> str | None:
    steps = 0
    while link is not None and link[0] in graph and steps < _MAX_STEPS:
        node = graph[link[0]]
        for name in _MODEL_NAMES:
            if isinstance(node.values.get(name), str):
                return str(node.values[name])
        link = node.links.get("model") or next(iter(node.links.values()), None)
        steps += 1
    return None


def _loras(graph: dict[str, Node], link: tuple[str, int] | None) -> list[str]:
    names: list[str] = []
    steps = 0
    while link is not None and link[0] in graph and steps < _MAX_STEPS:
        node = graph[link[0]]
        if isinstance(node.values.get("lora_name"), str):
            names.append(node.values["lora_name"])
        link = node.links.get("model")
        steps += 1
    return names


def _size(graph: dict[str, Node], link: tuple[str, int] | None) -> str | None:
    steps = 0
    while link is not None and link[0] in graph and steps < _MAX_STEPS:
        node = graph[link[0]]
        size = size_text(node.values.get("width"), node.values.get("height"))
        if size:
            return size
        link = next(iter(node.links.values()), None)
        steps += 1
    return None
