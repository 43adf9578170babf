"""The handouts' own few words (labels and headings), in each language the notebooks come in. Everything else on
the paper comes from the notebooks, the widgets and the guide."""

from __future__ import annotations

WORDS = {
    "en": {
        "notebook": "Notebook {n}",
        "worksheet": "Worksheet",
        "key": "Teacher's key",
        "plan": "Lesson plan",
        "guide": "Instructor guide",
        "name": "Name",
        "date": "Date",
        "aims": "What you will learn",
        "predict": "Predict first:",
        "figure": "Figure {n}.",
        "description": "What the picture shows:",
        "your_choice": "Tick one:",
        "why": "Why?",
        "computed": "What the class data shows (computed when this key was printed)",
        "supported": "The class data supports: {choice}.",
        "at_start": "Figure {n} at its starting settings: {sentence}",
        "from_guide": "From the instructor guide",
        "guide_language": "",
        "minutes": "The notebook takes about {n} minutes; the plan fills a 50-minute class",
        "plan_columns": "| minutes | step | purpose |",
        "materials": "Materials",
        "materials_text": (
            "A projector showing the notebook in Voila (code hidden); a computer per student or pair with the "
            "notebook open in JupyterLab; this folder's worksheet for anyone without a working computer; the key "
            "for the teacher."
        ),
        "exit": "Exit ticket",
        "fail": "If the computers fail",
        "fail_text": (
            "Hand out the worksheet: it has the key pictures from the class data, every prediction, task and "
            "discussion prompt, and the exit ticket. A step that moves a control needs a computer: pair a student "
            "without one with a classmate, or read out that step's numbers from the key. Keep the plan's order "
            "and times. For fixes, see the guide's last section, When something breaks."
        ),
        "contents": "Contents",
        "page": "page",
        "of": "of",
    },
    "es": {
        "notebook": "Cuaderno {n}",
        "worksheet": "Hoja de trabajo",
        "key": "Clave para el maestro o la maestra",
        "plan": "Plan de la clase",
        "guide": "Guía para el maestro o la maestra",
        "name": "Nombre",
        "date": "Fecha",
        "aims": "Lo que vas a aprender",
        "predict": "Primero, predice:",
        "figure": "Figura {n}.",
        "description": "Lo que muestra la imagen:",
        "your_choice": "Marca una:",
        "why": "¿Por qué?",
        "computed": "Lo que muestran los datos de la clase (calculado al imprimir esta clave)",
        "supported": "Los datos de la clase apoyan: {choice}.",
        "at_start": "Figura {n} con sus valores iniciales: {sentence}",
        "from_guide": "De la guía para el maestro o la maestra",
        "guide_language": "La guía está escrita en inglés; esta parte se imprime tal como está en la guía.",
        "minutes": "El cuaderno toma unos {n} minutos; el plan llena una clase de 50 minutos",
        "plan_columns": "| minutos | paso | propósito |",
        "materials": "Materiales",
        "materials_text": (
            "Un proyector que muestre el cuaderno en Voila (sin el código); una computadora por estudiante o por "
            "pareja con el cuaderno abierto en JupyterLab; la hoja de trabajo de esta carpeta para quien no tenga "
            "una computadora que funcione; la clave para el maestro o la maestra."
        ),
        "exit": "Boleto de salida",
        "fail": "Si las computadoras fallan",
        "fail_text": (
            "Reparte la hoja de trabajo: tiene las imágenes clave de los datos de la clase, cada predicción, tarea "
            "y pregunta para comentar, y el boleto de salida. Un paso que mueve un control necesita una "
            "computadora: pon a quien no tenga una con un compañero o una compañera, o lee en voz alta los números "
            "de ese paso en la clave. Sigue el orden y los tiempos del plan. Para soluciones, consulta la última "
            "sección de la guía, When something breaks (Cuando algo falla)."
        ),
        "contents": "Contenido",
        "page": "página",
        "of": "de",
    },
}
LANGUAGES = tuple(WORDS)


def word(language: str, name: str, **values: object) -> str:
    """One of the handouts' words in `language`, with its {placeholders} filled."""
    return WORDS[language][name].format(**values)
