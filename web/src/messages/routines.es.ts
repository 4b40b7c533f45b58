// Spanish texts of the routine catalog: routine names by id, strokes by "Area|English name".
// Cues keep the order of the English ones.
import type { StrokeText } from '../routineText';

export const ROUTINES_ES: Record<string, string> = {
  'full-body': 'Cuerpo entero',
  'week-1': 'Semana 1: piernas y pies',
  'week-2': 'Semana 2: barriga',
  'week-3': 'Semana 3: pecho, brazos y manos',
  'week-4': 'Semana 4: cara y espalda',
  'week-5': 'Semana 5: movimientos suaves y repaso',
};

const PERMISSION_PAUSE = 'Si aparta la mirada o se arquea, pausa con las manos quietas';
const NEVER_PAST = 'Nunca vayas más allá de la resistencia del bebé';

export const STROKES_ES: Record<string, StrokeText> = {
  // ---- Legs and feet ----
  'Legs|Resting hands on the legs': {
    name: 'Manos quietas sobre las piernas',
    instructions:
      'Frota un poco de aceite entre las palmas para que tu bebé lo oiga, enséñale las manos abiertas y pregúntale: «¿Puedo masajearte las piernas?». Espera un sí en su cara o en su cuerpo y luego apoya las dos manos con suavidad sobre las piernas durante unas respiraciones.',
    cues: [
      'Pide permiso antes de empezar con las piernas',
      'Nada de masaje con fiebre, enfermedad, heridas en la piel o en los uno o dos días después de una vacuna',
      '¿Llora o duerme? Hoy sin masaje; la madre o el padre puede seguir con un muñeco o un peluche',
    ],
  },
  'Legs|Indian milking': {
    name: 'Ordeño indio',
    instructions:
      'Sujeta el tobillo con una mano y rodea la parte alta del muslo con la otra, ahuecada. Desliza la mano por la pierna hasta el pie; luego cambia de mano y repite, una mano tras la otra.',
    cues: [
      'De la cadera al pie, alejándose del corazón: una pasada relajante',
      'La mano ahuecada envuelve toda la pierna; firme pero suave',
    ],
  },
  'Legs|Hug and glide': {
    name: 'Abrazar y deslizar',
    instructions:
      'Rodea la parte alta del muslo con las dos manos, una junto a la otra. Deslízalas hacia el pie mientras giran suavemente en direcciones opuestas, con delicadeza sobre la rodilla.',
    cues: [
      'Las manos giran en direcciones opuestas; nunca tires de una articulación',
      'Busca señales de disfrute: ojos brillantes, sonrisas, movimientos suaves',
    ],
  },
  'Feet|Holding the foot': {
    name: 'Sostener el pie',
    instructions:
      'Envuelve el pie entre las dos manos y quédate quieta un momento, para que tu bebé sienta adónde van tus manos.',
    cues: ['Una pausa tranquila antes de los pies', 'Si retira el pie, ahora no; respétalo'],
  },
  'Feet|Thumb over thumb': {
    name: 'Pulgar tras pulgar',
    instructions:
      'Sujeta el tobillo con los dedos. Con los pulgares por turnos, acaricia la planta desde el talón hasta los dedos, un pulgar tras otro.',
    cues: ['Los pulgares se alternan, del talón a los dedos', 'Lo bastante firme para no hacer cosquillas'],
  },
  'Feet|Toe roll': {
    name: 'Rodar los dedos',
    instructions:
      'Toma cada dedo por turno entre el pulgar y el índice y hazlo rodar con suavidad, con un pequeño estiramiento al soltarlo. Ve del dedo gordo al pequeño.',
    cues: ['Rueda y estira con suavidad, nunca tires', 'Aquí encaja bien una canción o una rima de deditos'],
  },
  'Feet|Under toes': {
    name: 'Bajo los dedos',
    instructions: 'Presiona suavemente con el pulgar la pequeña almohadilla bajo cada dedo, del dedo gordo al pequeño.',
    cues: ['Presiones pequeñas y suaves bajo los dedos'],
  },
  'Feet|Thumb press': {
    name: 'Presión con los pulgares',
    instructions: 'Con los dos pulgares, haz pequeñas presiones juntas por toda la planta, del talón hacia los dedos.',
    cues: ['Presiones pequeñas y constantes, sin frotar', 'Que se encojan los dedos es normal'],
  },
  'Feet|Top of foot': {
    name: 'Parte superior del pie',
    instructions:
      'Sujeta el pie por debajo. Con los pulgares por turnos, acaricia el empeine desde los dedos hasta el tobillo.',
    cues: ['De los dedos al tobillo, hacia el corazón'],
  },
  'Feet|Ankle circles': {
    name: 'Círculos en el tobillo',
    instructions:
      'Con las yemas de los dedos, dibuja pequeños círculos alrededor del tobillo, por los dos lados a la vez, con el pie bien sujeto.',
    cues: ['Círculos ligeros con las yemas alrededor del tobillo'],
  },
  'Legs|Swedish milking': {
    name: 'Ordeño sueco',
    instructions:
      'Sujeta el tobillo con una mano y rodea la pierna justo por encima con la otra, ahuecada. Desliza la mano desde el pie hasta la cadera; luego cambia de mano y repite, una mano tras la otra.',
    cues: ['Esta vez del pie a la cadera, hacia el corazón', 'La misma mano ahuecada que en el ordeño indio'],
  },
  'Legs|Rolling': {
    name: 'Rodar',
    instructions:
      'Sujeta la pierna entre las palmas planas, una a cada lado, y hazla rodar suavemente adelante y atrás mientras bajas del muslo al tobillo.',
    cues: ['Manos sueltas: la pierna rueda, no se aprieta', 'Ahora repite las pasadas en la otra pierna'],
  },
  'Legs|Bottom relaxer': {
    name: 'Relajar las nalgas',
    instructions: 'Desliza las manos planas bajo las nalgas de tu bebé y haz círculos lentos y suaves sobre ellas.',
    cues: ['Lento y reconfortante', PERMISSION_PAUSE],
  },
  'Legs|Integration': {
    name: 'Integración',
    instructions:
      'Pon las manos en las nalgas y deslízalas por las dos piernas a la vez hasta los pies, uniéndolo todo en una pasada larga.',
    cues: ['Las dos piernas a la vez, de las nalgas a los dedos', 'Cierra las piernas: una pasada larga y tranquila'],
  },

  // ---- Tummy ----
  'Tummy|Resting hands on the tummy': {
    name: 'Manos quietas sobre la barriga',
    instructions:
      'Enséñale las palmas con aceite y pregúntale: «¿Puedo masajearte la barriga?». Cuando tu bebé parezca listo, apoya una mano plana y quieta sobre la barriga durante unas respiraciones.',
    cues: [
      'Pide permiso antes de empezar con la barriga',
      'Deja la barriga hasta que la zona del cordón esté bien curada',
      'Quédate por debajo de las costillas en todas las pasadas de barriga',
    ],
  },
  'Tummy|Water wheel A': {
    name: 'Rueda de agua A',
    instructions:
      'Con el borde del meñique de las manos, rema con una mano tras otra hacia abajo por la barriga, desde justo debajo de las costillas hasta el comienzo de las piernas, como si recogieras arena hacia ti.',
    cues: ['Una mano tras otra, siempre hacia abajo', 'Manos suaves y planas; sin hundir'],
  },
  'Tummy|Water wheel B': {
    name: 'Rueda de agua B',
    instructions:
      'Con una mano, sujeta los tobillos de tu bebé para que las rodillas se doblen hacia la barriga. Con la otra, rema despacio por la barriga desde debajo de las costillas hacia las piernas.',
    cues: ['Rodillas levantadas para ablandar la barriga', 'Una mano sujeta las piernas, la otra rema'],
  },
  'Tummy|Thumbs to sides': {
    name: 'Pulgares hacia los lados',
    instructions:
      'Apoya los dos pulgares planos junto al ombligo y sepáralos hacia los lados. Empieza un poco más abajo cada vez hasta llegar a la parte baja de la barriga.',
    cues: ['Del centro hacia fuera, pulgares planos', 'Presión ligera; mira su cara para ver si está a gusto'],
  },
  'Tummy|Sun and moon': {
    name: 'Sol y luna',
    instructions:
      'Tu mano izquierda da vueltas en el sentido de las agujas del reloj alrededor del ombligo sin parar: es el sol. Cada vez que pasa por abajo, tu mano derecha añade un arco de media luna por arriba, también en el sentido de las agujas del reloj.',
    cues: [
      'Las pasadas de barriga van en el sentido de las agujas del reloj, visto desde ti',
      'La mano del sol no para; la luna se une',
    ],
  },
  'Tummy|I love you': {
    name: 'Te quiero',
    instructions:
      'Traza una I recta hacia abajo por el lado izquierdo de tu bebé (tu derecha). Luego una L invertida por arriba y hacia abajo, y después una U invertida por todo el contorno, siempre en el sentido de las agujas del reloj, diciendo las palabras mientras lo haces.',
    cues: [
      'En el sentido del reloj: I, luego L, luego U, cada pasada un poco más larga',
      'Di «te quiero» con voz cálida',
    ],
  },
  'Tummy|Walking': {
    name: 'Caminar',
    instructions:
      'Deja que las yemas de tus dedos den pasitos alrededor de la barriga en el sentido de las agujas del reloj: subiendo por tu izquierda, cruzando bajo las costillas y bajando por tu derecha.',
    cues: [
      'Pasitos con las yemas, en el sentido del reloj',
      'Gorgoteos y gases son normales; sigue atenta a sus señales',
    ],
  },

  // ---- Chest ----
  'Chest|Resting hands on the chest': {
    name: 'Manos quietas sobre el pecho',
    instructions:
      'Enséñale las palmas y pregúntale: «¿Puedo masajearte el pecho?». Apoya las manos con ligereza sobre el pecho y siente cómo sube y baja con su respiración.',
    cues: ['Pide permiso antes de empezar con el pecho', 'El pecho se siente más expuesto; ve despacio y mira su cara'],
  },
  'Chest|Open book': {
    name: 'Libro abierto',
    instructions:
      'Pon las dos manos planas y juntas en el centro del pecho. Deslízalas por las costillas hacia los lados y vuelve rodeando al centro, como si alisaras las páginas de un libro abierto.',
    cues: ['Del centro hacia fuera, manos planas', 'Suave sobre el esternón'],
  },
  'Chest|Butterfly': {
    name: 'Mariposa',
    instructions:
      'Empieza con las dos manos en la parte baja de las costillas, a los lados. Una mano cruza el pecho en diagonal hasta el hombro contrario y vuelve; luego la otra cruza en sentido contrario.',
    cues: ['Pasadas en diagonal, alternando las manos', 'Suave en el hombro; nunca tires de él'],
  },
  'Chest|Integration': {
    name: 'Integración',
    instructions:
      'Desliza las dos manos desde el pecho, por la barriga y las piernas, hasta los pies; luego desde los hombros por los brazos hasta las manos, uniendo el pecho con el resto del cuerpo.',
    cues: ['Une el pecho con las zonas ya masajeadas', PERMISSION_PAUSE],
  },

  // ---- Arms and hands ----
  'Arms|Resting hands on the arms': {
    name: 'Manos quietas sobre los brazos',
    instructions:
      'Enséñale las palmas y pregúntale: «¿Puedo masajearte los brazos?». Apoya las manos con suavidad sobre los hombros y la parte alta de los brazos y espera su respuesta.',
    cues: [
      'Pide permiso antes de empezar con los brazos',
      'Muchos bebés mantienen los brazos recogidos; masajea solo lo que te ofrecen',
    ],
  },
  'Arms|Pit stop': {
    name: 'Parada en la axila',
    instructions:
      'Levanta un poco el brazo y, con las yemas de los dedos, acaricia muy suavemente la axila unas cuantas veces.',
    cues: ['Solo las yemas, muy ligero', 'Sáltatelo si el bebé aprieta el brazo'],
  },
  'Arms|Indian milking': {
    name: 'Ordeño indio',
    instructions:
      'Sujeta la muñeca con una mano y rodea la parte alta del brazo con la otra, ahuecada. Desliza la mano desde el hombro hasta la mano; luego cambia de mano y repite, una mano tras la otra.',
    cues: ['Del hombro a la mano, alejándose del corazón'],
  },
  'Arms|Hug and glide': {
    name: 'Abrazar y deslizar',
    instructions:
      'Rodea la parte alta del brazo con las dos manos y deslízalas hasta la muñeca, girándolas suavemente en direcciones opuestas.',
    cues: ['Giro suave; afloja alrededor del codo'],
  },
  'Hands|Holding the hand': {
    name: 'Sostener la mano',
    instructions:
      'Envuelve la mano de tu bebé con la tuya, o deja que te agarre un dedo, y espera un momento antes de empezar con la palma.',
    cues: ['Una pausa tranquila antes de las manos', 'Un puño cerrado está bien; nunca abras los dedos a la fuerza'],
  },
  'Hands|Palm stroke and finger roll': {
    name: 'Palma y rodar los dedos',
    instructions:
      'Con los pulgares, acaricia la palma desde el centro hacia los dedos. Después haz rodar cada dedo con suavidad entre tu pulgar y tu índice.',
    cues: ['Los pulgares abren la palma del centro hacia fuera', 'Rueda los dedos, nunca tires de ellos'],
  },
  'Hands|Top of hand': {
    name: 'Dorso de la mano',
    instructions:
      'Sujeta la mano con la palma hacia abajo y acaricia el dorso desde las puntas de los dedos hasta la muñeca.',
    cues: ['De las puntas de los dedos a la muñeca, hacia el corazón'],
  },
  'Hands|Wrist circles': {
    name: 'Círculos en la muñeca',
    instructions: 'Con las yemas de los dedos, dibuja pequeños círculos alrededor de la muñeca.',
    cues: ['Círculos pequeños y ligeros alrededor de la muñeca'],
  },
  'Arms|Swedish milking': {
    name: 'Ordeño sueco',
    instructions:
      'Sujeta la muñeca con una mano y rodea el brazo con la otra, ahuecada. Desliza la mano desde la mano del bebé hasta el hombro; luego cambia de mano y repite.',
    cues: ['De la mano al hombro, hacia el corazón'],
  },
  'Arms|Rolling': {
    name: 'Rodar',
    instructions:
      'Sujeta el brazo entre las palmas planas y hazlo rodar suavemente adelante y atrás mientras bajas del hombro a la muñeca.',
    cues: ['Manos sueltas, rodar suave', 'Ahora repite las pasadas en el otro brazo'],
  },
  'Arms|Integration': {
    name: 'Integración',
    instructions: 'Pon las manos en los dos hombros y deslízalas por los dos brazos a la vez hasta las manos.',
    cues: ['Los dos brazos a la vez, de los hombros a las puntas de los dedos', PERMISSION_PAUSE],
  },

  // ---- Face ----
  'Face|Resting hands for the face': {
    name: 'Manos quietas para la cara',
    instructions:
      'Primero quítate el aceite de las manos. Enséñale las palmas y pregúntale: «¿Puedo tocarte la cara?»; luego apoya las manos con ligereza a ambos lados de su cabeza un momento.',
    cues: [
      'La cara, normalmente sin aceite; límpiate las manos antes',
      'Pide permiso antes de la cara; es una zona muy personal',
      '¿Aparta la cara? Deja la cara para otro día',
    ],
  },
  'Face|Open book on the forehead': {
    name: 'Libro abierto en la frente',
    instructions:
      'Pon las yemas de los dedos planas y juntas en el centro de la frente y acaricia hacia fuera, hasta las sienes, como si abrieras un libro.',
    cues: ['Del centro de la frente hacia fuera', 'La cara, normalmente sin aceite'],
  },
  'Face|Eyebrows': {
    name: 'Cejas',
    instructions: 'Con los pulgares, acaricia suavemente las cejas desde el centro hasta los extremos.',
    cues: ['Sobre el hueso de la ceja, bien lejos de los ojos'],
  },
  'Face|Bridge of the nose and cheeks': {
    name: 'Tabique de la nariz y mejillas',
    instructions:
      'Empieza con los pulgares en el tabique de la nariz, baja por sus lados y luego sal hacia fuera por las mejillas.',
    cues: ['Ligero como una pluma; lejos de los orificios de la nariz'],
  },
  'Face|Smile above and below the lips': {
    name: 'Sonrisa encima y debajo de los labios',
    instructions:
      'Junta los pulgares justo encima del labio superior y acaricia hacia fuera y un poco hacia arriba, dibujando una sonrisa. Luego dibuja una segunda sonrisa igual justo debajo del labio inferior.',
    cues: ['Sonríe a tu bebé mientras dibujas las sonrisas'],
  },
  'Face|Small circles on the jaw': {
    name: 'Círculos en la mandíbula',
    instructions: 'Con las yemas de los dedos, haz pequeños círculos por la mandíbula, avanzando hacia las orejas.',
    cues: [
      'Relaja la mandíbula; suele gustar cuando salen los dientes',
      'Si aparta la cara o hace muecas, pausa con las manos quietas',
    ],
  },
  'Face|Ears and under the chin': {
    name: 'Orejas y bajo la barbilla',
    instructions:
      'Haz pequeños círculos con las yemas detrás de las orejas y luego baja por la mandíbula hasta que tus dedos se encuentren bajo la barbilla.',
    cues: ['Termina la cara con suavidad bajo la barbilla'],
  },

  // ---- Back ----
  'Back|Resting hands on the back': {
    name: 'Manos quietas sobre la espalda',
    instructions:
      'Pregúntale: «¿Puedo masajearte la espalda?» y tumba a tu bebé boca abajo sobre tu regazo o en la esterilla, con la cara girada hacia un lado y libre. Apoya las dos manos planas sobre la espalda durante unas respiraciones.',
    cues: [
      'Bebé sobre el regazo o boca abajo, con la cara libre',
      'Pide permiso antes de la espalda',
      'No a todos los bebés les gusta estar boca abajo; si se queja, sáltate la espalda',
    ],
  },
  'Back|Back and forth': {
    name: 'Adelante y atrás',
    instructions:
      'Pon las dos manos de través sobre la espalda, a la altura de los hombros. Muévelas adelante y atrás en direcciones opuestas mientras bajas despacio hasta las nalgas y vuelves a subir.',
    cues: ['Las manos se mueven en direcciones opuestas sobre la espalda'],
  },
  'Back|Swooping': {
    name: 'Barrido',
    instructions:
      'Deja una mano apoyada en las nalgas. Con la otra, barre desde la nuca por toda la espalda hasta las nalgas, y más adelante continúa el barrido por las piernas hasta los pies.',
    cues: ['Barridos largos y lentos de la nuca a las nalgas, y luego a los pies'],
  },
  'Back|Small circles': {
    name: 'Círculos pequeños',
    instructions:
      'Con las yemas de los dedos, haz pequeños círculos a ambos lados de la columna, de los hombros a las nalgas, nunca sobre la columna.',
    cues: [
      'Junto a la columna, nunca encima',
      'Si se arquea o levanta la cabeza para apartarse, pausa con las manos quietas',
    ],
  },
  'Back|Combing': {
    name: 'Peinar',
    instructions:
      'Abre los dedos como un peine y acaricia la espalda de los hombros a las nalgas, cada vez un poco más ligero, hasta que tu caricia se desvanezca.',
    cues: ['Más ligero en cada pasada, hasta terminar en un susurro'],
  },

  // ---- Gentle movements ----
  'GentleMovements|Resting hands before the movements': {
    name: 'Manos quietas antes de los movimientos',
    instructions:
      'Con tu bebé boca arriba y mirándote, pregúntale: «¿Nos estiramos y nos movemos?». Apoya las manos sobre el pecho y la barriga hasta que esté tranquilo y te mire.',
    cues: ['Pide permiso antes de los movimientos', NEVER_PAST],
  },
  'GentleMovements|Crossing the arms': {
    name: 'Cruzar los brazos',
    instructions:
      'Sujeta las dos muñecas, o deja que tu bebé te agarre los pulgares. Lleva los brazos con suavidad cruzándolos sobre el pecho y luego ábrelos bien hacia los lados.',
    cues: [NEVER_PAST, 'Para si los brazos se ponen rígidos'],
  },
  'GentleMovements|Diagonal arm and leg cross': {
    name: 'Cruce en diagonal de brazo y pierna',
    instructions:
      'Sujeta una mano y el pie contrario y acércalos cruzando el cuerpo, solo hasta donde lleguen con facilidad. Vuelve a abrirlos y cambia de lado.',
    cues: [NEVER_PAST, 'Una mano con el pie contrario, luego cambia'],
  },
  'GentleMovements|Knees to tummy': {
    name: 'Rodillas a la barriga',
    instructions:
      'Sujeta las dos piernas por debajo de la rodilla y lleva las rodillas suavemente hacia la barriga. Mantén una respiración, baja las piernas despacio y dales un pequeño meneo para soltarlas.',
    cues: [NEVER_PAST, 'Puede ayudar con los gases; sujeta con suavidad, nunca empujes'],
  },
  'GentleMovements|Bicycling': {
    name: 'Bicicleta',
    instructions:
      'Dobla una rodilla hacia la barriga mientras la otra pierna se estira y luego cambia, despacio, como si pedaleara en bicicleta.',
    cues: [NEVER_PAST, 'Pedaleo lento y regular'],
  },

  // ---- Closing ----
  'Relaxation|Resting hands and cuddle': {
    name: 'Manos quietas y abrazo',
    instructions:
      'Apoya una mano sobre el pecho de tu bebé y otra sobre la barriga y quédate quieta y en silencio un momento. Luego cógelo en brazos para abrazarlo; puede que venga una toma o una siesta.',
    cues: [
      'Cierra con calma y luego un abrazo',
      'Puede que los bebés tengan sueño o hambre; deja que las familias den la toma o descansen',
    ],
  },
};
